package dev.patchbay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 8: how warm a fresh service is. Time to ready (process start until the health check
 * answers) and the first 1,000 REST executes on one session right after start, against the same
 * calls once warmed until steady; started plainly ({@code java -jar}) and from the extracted jar
 * with a JDK AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) made from one
 * training run of the same calls. How to build such a cache: README, "Faster start".
 */
final class WarmStart {

  private static final String SCENARIO = "8 warm start";
  private static final String COMMAND = "show version";
  private static final int FIRST = 1000;
  private static final int TRAINING_CALLS = 3000;

  private WarmStart() {}

  /** Ready time, the first calls and the steady ones of one fresh service. */
  private record Start(double readySeconds, Latency first, Latency steady) {}

  static void run(Settings settings, SimulatorProcess.Device device, Results results)
      throws Exception {
    Start plain = measure(settings, device, "start-plain", List.of(), settings.serviceJar());
    add(results, "plain java -jar", plain);
    Path dir = Files.createTempDirectory("patchbay-bench-aot-");
    try {
      Path jar = extract(settings, dir);
      Path cache = dir.resolve("patchbay.aot");
      long trainingStarted = System.nanoTime();
      train(settings, device, jar, cache);
      System.out.printf(
          "  AOT cache: trained and created in %.0f s, %d MiB%n",
          (System.nanoTime() - trainingStarted) / 1e9, Files.size(cache) >> 20);
      Start aot = measure(settings, device, "start-aot", List.of("-XX:AOTCache=" + cache), jar);
      add(results, "extracted jar + AOT cache", aot);
      results.add(
          new Results.Row(
              SCENARIO,
              "time to ready (s): plain java -jar → extracted jar + AOT cache",
              Results.number(plain.readySeconds()),
              Results.number(aot.readySeconds()),
              Results.ratio(aot.readySeconds(), plain.readySeconds()),
              "—",
              null));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void add(Results results, String how, Start start) {
    double ratio = start.first().medianMs() / start.steady().medianMs();
    results.add(
        new Results.Row(
            SCENARIO,
            how
                + ": ready after "
                + Results.number(start.readySeconds())
                + " s; first "
                + FIRST
                + " executes, median / p99 (direct column: the same once steady)",
            start.steady().toString(),
            start.first().toString(),
            Results.number(ratio) + "× steady",
            "≤ 2× steady",
            ratio <= 2));
  }

  private static Start measure(
      Settings settings,
      SimulatorProcess.Device device,
      String name,
      List<String> jvmOptions,
      Path jar)
      throws Exception {
    try (ServiceProcess service =
            ServiceProcess.start(settings, name, Map.of(), List.of(), jvmOptions, jar);
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      patchbay.createDevice(device.name(), device.port());
      patchbay.openSession(device.name(), "warm");
      CommandLoop.Call call = i -> patchbay.execute(device.name(), "warm", COMMAND);
      Latency first = CommandLoop.sequential(call, FIRST);
      Warmup.of(settings).sequential(name, call);
      Latency steady = CommandLoop.sequential(call, FIRST);
      return new Start(service.readySeconds(), first, steady);
    }
  }

  /** {@code java -Djarmode=tools -jar service.jar extract}: the layout an AOT cache can cover. */
  private static Path extract(Settings settings, Path dir)
      throws IOException, InterruptedException {
    Path extracted = dir.resolve("service");
    List<String> command = new ArrayList<>();
    command.add(settings.jvm().java());
    command.addAll(
        List.of(
            "-Djarmode=tools",
            "-jar",
            settings.serviceJar().toString(),
            "extract",
            "--destination",
            extracted.toString()));
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("extracting the service jar failed: " + command);
    }
    return extracted.resolve(settings.serviceJar().getFileName());
  }

  /**
   * One run of the measured calls recording with {@code -XX:AOTMode=record}, then {@code
   * -XX:AOTMode=create} in a process of its own. (The one-step {@code -XX:AOTCacheOutput} leaves
   * the cache to a child JVM that outlives the stopped service, so nobody knows when it is done.)
   */
  private static void train(Settings settings, SimulatorProcess.Device device, Path jar, Path cache)
      throws Exception {
    Path configuration = cache.resolveSibling("patchbay.aotconf");
    ServiceProcess service =
        ServiceProcess.start(
            settings,
            "start-training",
            Map.of(),
            List.of(),
            List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration),
            jar);
    try (PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      patchbay.createDevice(device.name(), device.port());
      patchbay.openSession(device.name(), "warm");
      CommandLoop.sequential(i -> patchbay.execute(device.name(), "warm", COMMAND), TRAINING_CALLS);
      CommandLoop.sequential(i -> patchbay.session(device.name(), "warm"), FIRST);
      patchbay.closeSession(device.name(), "warm");
    } finally {
      service.close(Duration.ofMinutes(5));
    }
    List<String> create =
        List.of(
            settings.jvm().java(),
            "-XX:AOTMode=create",
            "-XX:AOTConfiguration=" + configuration,
            "-XX:AOTCache=" + cache,
            "-jar",
            jar.toString());
    Path log = settings.results().resolve("service-start-aot-create.log");
    Process process =
        new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("creating the AOT cache failed; see " + log);
    }
    if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
      throw new IllegalStateException("no AOT cache was written; see " + log);
    }
  }
}
