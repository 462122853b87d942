package dev.patchbay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Patchbay instance started from the service jar for one scenario: its own temporary data
 * directory, a free port, the bench's admin token, the demo simulator off, and the limits raised.
 * Output goes to a log file next to the results. With {@code PATCHBAY_BENCH_JFR=<dir>} the service
 * runs under Java Flight Recorder (profile settings) and leaves {@code <dir>/service-<name>.jfr}.
 */
final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final URI base;
  private final Path dataDir;
  private long readyNanos;

  private ServiceProcess(Process process, URI base, Path dataDir) {
    this.process = process;
    this.base = base;
    this.dataDir = dataDir;
  }

  /**
   * Starts the service and waits until it is healthy. {@code env} and {@code args} add to the
   * defaults (e.g. the PostgreSQL profile).
   */
  static ServiceProcess start(
      Settings settings, String name, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    return start(settings, name, env, args, List.of(), settings.serviceJar());
  }

  /** The same with JVM options before {@code -jar} and another jar (an extracted one). */
  static ServiceProcess start(
      Settings settings,
      String name,
      Map<String, String> env,
      List<String> args,
      List<String> jvmOptions,
      Path jar)
      throws IOException, InterruptedException {
    int port = Jvm.freePort();
    Path dataDir = Files.createTempDirectory("patchbay-bench-" + name + "-");
    List<String> command = new ArrayList<>();
    command.add(settings.jvm().java());
    command.addAll(Jvm.flightRecording("service-" + name));
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--patchbay.manager.max-total=20000");
    command.add("--patchbay.manager.max-per-device=20000");
    command.add("--logging.level.root=WARN");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATCHBAY_PORT", Integer.toString(port));
    builder.environment().put("PATCHBAY_DATA_DIR", dataDir.toString());
    builder.environment().put("PATCHBAY_ADMIN_TOKEN", settings.token());
    builder.environment().put("PATCHBAY_SIMULATOR_ENABLED", "false");
    builder.environment().putAll(env);
    Path log = settings.results().resolve("service-" + name + ".log");
    Files.createDirectories(log.getParent());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long started = System.nanoTime();
    ServiceProcess service =
        new ServiceProcess(builder.start(), URI.create("http://127.0.0.1:" + port), dataDir);
    try {
      service.awaitHealthy(settings.token(), log);
    } catch (RuntimeException | InterruptedException e) {
      service.close(); // a service that never became healthy must not outlive the run
      throw e;
    }
    service.readyNanos = System.nanoTime() - started;
    return service;
  }

  /** From starting the process until its health check first answered 200 (polled every 50 ms). */
  double readySeconds() {
    return readyNanos / 1e9;
  }

  URI base() {
    return base;
  }

  long pid() {
    return process.pid();
  }

  private void awaitHealthy(String token, Path log) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(base.resolve("/actuator/health"))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited during start-up; see " + log);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the service did not become healthy in 600 s; see " + log);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    close(Duration.ofSeconds(30));
  }

  /**
   * Stops the service (SIGTERM), giving it {@code grace} to exit on its own (a JVM writing its AOT
   * cache at exit needs longer than the usual 30 s).
   */
  void close(Duration grace) throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
