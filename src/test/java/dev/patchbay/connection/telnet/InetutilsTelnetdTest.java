package dev.patchbay.connection.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.LoginCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The telnet driver against a real telnet server: inetutils {@code telnetd} spawned per connection
 * by {@code socat} on a loopback port, running a bash shell (no {@code /bin/login}, so the linux
 * profile goes straight to the prompt). Needs {@code inetutils-telnetd} and {@code socat}.
 */
@Timeout(30)
class InetutilsTelnetdTest {

  private static Process socat;
  private static int port;

  @BeforeAll
  static void startTelnetd() throws Exception {
    assertThat(Path.of("/usr/sbin/telnetd")).as("apt-get install inetutils-telnetd").isExecutable();
    assertThat(Path.of("/usr/bin/socat")).as("apt-get install socat").isExecutable();
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    socat =
        new ProcessBuilder(
                "/usr/bin/socat",
                "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "EXEC:/usr/sbin/telnetd -E /bin/bash")
            .redirectErrorStream(true)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        assertThat(System.nanoTime()).as("socat listening").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stopTelnetd() throws Exception {
    socat.destroy();
    socat.waitFor(5, TimeUnit.SECONDS);
  }

  @Test
  void executesInALinuxShellOverRealTelnet() {
    ConnectionSettings settings =
        ConnectionSettings.network(
                "telnetd",
                "127.0.0.1",
                port,
                new LoginCredentials(null, null, null, null),
                OsProfile.forOs("linux"))
            .withTimeouts(
                new ConnectionSettings.Timeouts(
                    Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(10)));
    try (TelnetConnection connection = new TelnetConnection(settings)) {
      connection.open();
      ExecuteResult echo = connection.execute(ExecuteRequest.of("echo hi-$((40+2))"));
      assertThat(echo.output()).isEqualTo("hi-42");
      assertThat(echo.state()).isEqualTo(CliState.SHELL);
      assertThat(connection.execute(ExecuteRequest.of("uname -s")).output()).isEqualTo("Linux");
      connection.terminal().resize(101, 33);
      assertThat(connection.execute(ExecuteRequest.of("stty size")).output()).isEqualTo("33 101");
    }
  }
}
