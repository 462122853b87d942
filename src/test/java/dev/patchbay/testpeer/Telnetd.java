package dev.patchbay.testpeer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real telnet server on a loopback port: inetutils {@code telnetd} spawned per connection by
 * {@code socat}, running a bash shell (no {@code /bin/login}, so the linux profile goes straight to
 * the prompt). Needs {@code inetutils-telnetd} and {@code socat}; fails without.
 */
public final class Telnetd implements AutoCloseable {

  private final Process socat;
  private final int port;

  private Telnetd(Process socat, int port) {
    this.socat = socat;
    this.port = port;
  }

  public static Telnetd start() throws IOException, InterruptedException {
    assertThat(Path.of("/usr/sbin/telnetd")).as("apt-get install inetutils-telnetd").isExecutable();
    assertThat(Path.of("/usr/bin/socat")).as("apt-get install socat").isExecutable();
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process socat =
        new ProcessBuilder(
                "/usr/bin/socat",
                "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "EXEC:/usr/sbin/telnetd -E /bin/bash")
            .redirectErrorStream(true)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return new Telnetd(socat, port);
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          socat.destroy();
          throw new IllegalStateException("socat did not listen on " + port);
        }
        Thread.sleep(50);
      }
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    socat.destroy();
    socat.waitFor(5, TimeUnit.SECONDS);
  }
}
