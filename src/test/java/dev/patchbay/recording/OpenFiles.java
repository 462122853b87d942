package dev.patchbay.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files this test JVM holds open, as listed in {@code /proc/self/fd}. */
public final class OpenFiles {

  private OpenFiles() {}

  /** Whether {@code file} (which exists) is open in this process. */
  public static boolean isOpen(Path file) throws IOException {
    Path real = file.toRealPath();
    List<Path> targets = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          targets.add(Files.readSymbolicLink(fd));
        } catch (IOException closedMeanwhile) {
          // closed between listing and reading it
        }
      }
    }
    return targets.contains(real);
  }

  /** Waits until {@code file} is no longer open, failing after {@code wait}. */
  public static void awaitClosed(Path file, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (isOpen(file)) {
      assertThat(System.nanoTime()).as(file + " closed when idle").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
