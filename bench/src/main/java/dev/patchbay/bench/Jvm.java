package dev.patchbay.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK the benchmark runs on, used to start the service and simulator and to inspect them. */
record Jvm(Path home) {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  static Jvm current() {
    return new Jvm(Path.of(System.getProperty("java.home")));
  }

  String java() {
    return home.resolve("bin/java").toString();
  }

  /** Heap in use after a full GC of process {@code pid}, in bytes (jcmd GC.run, GC.heap_info). */
  long heapAfterGc(long pid) {
    jcmd(pid, "GC.run");
    return heapUsed(pid);
  }

  /** Heap in use now (no GC) of process {@code pid}, in bytes. */
  long heapUsed(long pid) {
    Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  /** Resident set size of process {@code pid}, in bytes (/proc/PID/status VmRSS). */
  static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
    }
    throw new IllegalStateException("no VmRSS for process " + pid);
  }

  /** CPU time (user + system) process {@code pid} used so far, in milliseconds. */
  static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (USER_HZ = 100).
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
    }
  }

  /** Number of open file descriptors of process {@code pid}. */
  static long openFiles(long pid) {
    try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/" + pid + "/fd", e);
    }
  }

  /** The soft limit on open files of process {@code pid} (/proc/PID/limits). */
  static long openFileLimit(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
        if (line.startsWith("Max open files")) {
          return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/limits", e);
    }
    throw new IllegalStateException("no open-file limit for process " + pid);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private String jcmd(long pid, String command) {
    try {
      Process process =
          new ProcessBuilder(home.resolve("bin/jcmd").toString(), Long.toString(pid), command)
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run jcmd", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The command line that runs {@code mainClass} from the service's Spring Boot jar. */
  List<String> bootJarMain(Path jar, String mainClass, List<String> jvmOptions) {
    List<String> command = new java.util.ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-Dloader.main=" + mainClass);
    command.add("-cp");
    command.add(jar.toString());
    command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
    return command;
  }

  /**
   * The JVM option that runs a process under Java Flight Recorder (profile settings) and leaves
   * {@code <dir>/<name>.jfr} at exit, when {@code PATCHBAY_BENCH_JFR=<dir>} is set; else none.
   */
  static List<String> flightRecording(String name) throws IOException {
    String profiles = System.getenv("PATCHBAY_BENCH_JFR");
    if (profiles == null || profiles.isBlank()) {
      return List.of();
    }
    Files.createDirectories(Path.of(profiles));
    // Reactive stacks run far deeper than the default 64 frames; cut, a sample loses its root.
    return List.of(
        "-XX:FlightRecorderOptions:stackdepth=2048",
        "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
            + Path.of(profiles, name + ".jfr").toAbsolutePath());
  }
}
