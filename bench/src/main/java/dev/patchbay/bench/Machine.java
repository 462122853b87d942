package dev.patchbay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-paragraph description of the machine a run measured: CPUs, memory, kernel, JDK. */
final class Machine {

  private Machine() {}

  static String describe(Jvm jvm) {
    return String.format(
        "Machine: %d CPUs (%s), %s memory, Linux %s, JDK %s (%s); service and simulator on loopback,"
            + " each in its own JVM with default GC settings.",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        memory(),
        System.getProperty("os.version"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"));
  }

  /** Busy and total CPU time of the whole machine so far, in clock ticks ({@code /proc/stat}). */
  static long[] cpuTicks() {
    String[] fields = grep(Path.of("/proc/stat"), "cpu ").trim().split("\\s+");
    if (fields.length < 9) {
      throw new IllegalStateException("no cpu line in /proc/stat");
    }
    long total = 0;
    for (int i = 1; i <= 8; i++) { // user nice system idle iowait irq softirq steal
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
    return new long[] {total - idle, total};
  }

  private static String cpuModel() {
    return grep(Path.of("/proc/cpuinfo"), "model name").replaceFirst("^.*?:\\s*", "");
  }

  private static String memory() {
    String total = grep(Path.of("/proc/meminfo"), "MemTotal").replaceAll("\\D", "");
    return total.isEmpty()
        ? "unknown"
        : String.format("%.1f GiB", Long.parseLong(total) / 1024.0 / 1024.0);
  }

  private static String grep(Path file, String prefix) {
    try (var lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(prefix)).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
