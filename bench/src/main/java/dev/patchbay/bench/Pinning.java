package dev.patchbay.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU affinity of whole processes ({@code taskset -a -p}, every thread): a fair split of a small
 * machine between the load (driver and simulator) and the service under test.
 */
final class Pinning {

  /** Every CPU of the machine, taken before anything is pinned (a pinned JVM sees fewer). */
  static final String ALL = "0-" + (Runtime.getRuntime().availableProcessors() - 1);

  private Pinning() {}

  /** Pins every thread of {@code pid} to {@code cpus} (a taskset list: {@code 0}, {@code 0-1}). */
  static void pin(long pid, String cpus) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of("taskset", "-a", "-p", "-c", cpus, Long.toString(pid)))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("taskset -a -p -c " + cpus + " " + pid + " failed");
    }
  }
}
