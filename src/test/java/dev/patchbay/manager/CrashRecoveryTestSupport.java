package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.TestApiToken;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills the service (SIGKILL, a separate JVM on the test classpath) right after a configure was
 * answered, with two sessions open on the built-in simulated lab, then starts it again on the same
 * data: the configure's audit event is there, each session that died got a {@code session.close}
 * event with reason {@code instance-restart}, and their recordings are finished from their files.
 * Subclasses choose the database: H2 (the default file database) and PostgreSQL, in two classes so
 * that the two forks of the test run can run them at once.
 */
abstract class CrashRecoveryTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dataDir;

  /** The scenario on the database given by {@code database} (arguments; none: the default). */
  void killAndRestart(List<String> database) throws Exception {
    String line = "hostname crash-" + UUID.randomUUID().toString().substring(0, 8);
    int port = freePort();
    Process first = start(port, database, "first");
    try {
      awaitHealthy(port, first, "first");
      assertThat(call(port, "POST", "/api/v1/devices/sim-r1/sessions", "{\"alias\": \"one\"}"))
          .extracting(Answer::status)
          .isEqualTo(201);
      assertThat(call(port, "POST", "/api/v1/devices/sim-h1/sessions", "{\"alias\": \"two\"}"))
          .extracting(Answer::status)
          .isEqualTo(201);
      // Output after the sessions opened, so that both recordings hold some.
      assertThat(
              call(
                  port,
                  "POST",
                  "/api/v1/devices/sim-h1/sessions/two/execute",
                  "{\"command\": \"echo recorded\"}"))
          .extracting(Answer::status)
          .isEqualTo(200);
      Answer configured =
          call(
              port,
              "POST",
              "/api/v1/devices/sim-r1/sessions/one/configure",
              "{\"lines\": [\"" + line + "\"]}");
      assertThat(configured.status()).as(configured.body()).isEqualTo(200);
    } finally {
      first.destroyForcibly().waitFor();
    }

    Process second = start(port, database, "second");
    try {
      awaitHealthy(port, second, "second");
      JsonNode configures = items(port, "/api/v1/audit?action=command.configure&size=10");
      assertThat(configures.toString()).contains(line);

      JsonNode closes = items(port, "/api/v1/audit?action=session.close&size=10");
      assertThat(closes).hasSize(2);
      for (JsonNode close : closes) {
        assertThat(close.path("detail").asString()).contains("instance-restart");
      }
      assertThat(closes.toString()).contains("session 'one'").contains("session 'two'");

      for (String device : List.of("sim-r1", "sim-h1")) {
        JsonNode recordings = items(port, "/api/v1/recordings?device=" + device);
        assertThat(recordings).hasSize(1);
        JsonNode recording = recordings.get(0);
        assertThat(recording.path("endedAt").isNull()).as("%s ended", device).isFalse();
        assertThat(recording.path("bytes").asLong()).as("%s bytes", device).isPositive();
        assertThat(Instant.parse(recording.path("endedAt").asString()))
            .isAfterOrEqualTo(Instant.parse(recording.path("startedAt").asString()));
      }
    } finally {
      // Everything checked: no graceful stop to wait for.
      second.destroyForcibly().waitFor();
    }
  }

  private Process start(int port, List<String> database, String name) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    // A short-lived process serving a few requests: the C1 compiler alone starts it in about half
    // the CPU time (what this test checks is the data, not the speed).
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.patchbay.PatchbayApplication");
    command.add("--server.port=" + port);
    command.add("--patchbay.data-dir=" + dataDir);
    command.add("--patchbay.auth.admin-token=" + TestApiToken.ADMIN);
    command.add("--patchbay.simulator.enabled=true");
    command.add("--patchbay.simulator.router-port=0");
    command.add("--patchbay.simulator.switch-port=0");
    command.add("--patchbay.simulator.host-port=0");
    command.addAll(database);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve(name + ".log").toFile())
        .start();
  }

  private void awaitHealthy(int port, Process process, String name) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the service exited: " + Files.readString(dataDir.resolve(name + ".log")));
      }
      try {
        if (call(port, "GET", "/actuator/health", null).status() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      assertThat(System.nanoTime()).as("started within %s", START_TIMEOUT).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private JsonNode items(int port, String path) throws Exception {
    Answer answer = call(port, "GET", path, null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).path("items");
  }

  record Answer(int status, String body) {}

  private Answer call(int port, String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", TestApiToken.bearer(TestApiToken.ADMIN));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
