package dev.patchbay.testpeer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.cli.CliSession;
import dev.patchbay.simulator.cli.ProfileLoader;
import dev.patchbay.simulator.cli.SessionIdentity;
import dev.patchbay.simulator.cli.SessionTransport;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A serial console for tests: {@code socat} joins two pseudo-terminals; the simulator's CLI engine
 * (iosxe profile, console login admin/admin, enable secret cisco) answers on the far end and the
 * driver opens the near end ({@link #devicePath()}). Needs the {@code socat} package.
 */
public final class SerialPeer implements AutoCloseable {

  private static final Path SOCAT = Path.of("/usr/bin/socat");

  private final Path dir;
  private final Process socat;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final FileInputStream farIn;
  private final FileOutputStream farOut;
  private final Thread pump;

  public SerialPeer() throws IOException, InterruptedException {
    assertThat(SOCAT).as("socat (apt-get install socat)").isExecutable();
    dir = Files.createTempDirectory("patchbay-serial");
    socat =
        new ProcessBuilder(
                SOCAT.toString(),
                "pty,raw,echo=0,link=" + dir.resolve("a"),
                "pty,raw,echo=0,link=" + dir.resolve("b"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("socat.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(dir.resolve("a")) && Files.exists(dir.resolve("b")))) {
      assertThat(System.nanoTime()).as("socat created the pty pair").isLessThan(deadline);
      Thread.sleep(20);
    }
    Path far = dir.resolve("b").toRealPath();
    farIn = new FileInputStream(far.toFile());
    farOut = new FileOutputStream(far.toFile());
    CliSession cli =
        new CliSession(
            new ProfileLoader().loadBuiltIn("iosxe"),
            new SessionIdentity("r1", "admin", "admin", "cisco"),
            new SessionTransport() {
              @Override
              public CompletableFuture<Void> write(byte[] bytes) {
                try {
                  farOut.write(bytes);
                  return CompletableFuture.completedFuture(null);
                } catch (IOException e) {
                  return CompletableFuture.failedFuture(e);
                }
              }

              @Override
              public void disconnect() {}
            },
            scheduler);
    cli.startShell(true);
    pump =
        Thread.ofPlatform()
            .daemon()
            .name("serial-peer")
            .start(
                () -> {
                  byte[] buffer = new byte[4096];
                  try {
                    int n;
                    while ((n = farIn.read(buffer)) >= 0) {
                      cli.receive(buffer, 0, n);
                    }
                  } catch (IOException e) {
                    // socat gone
                  }
                });
  }

  /** The near end for the driver. */
  public String devicePath() {
    return dir.resolve("a").toString();
  }

  @Override
  public void close() throws Exception {
    socat.destroy();
    socat.waitFor(5, TimeUnit.SECONDS);
    farIn.close();
    farOut.close();
    pump.join(2000);
    scheduler.shutdownNow();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
