package dev.patchbay.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.patchbay.cluster.LostInstance;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatorExtension;
import dev.patchbay.testsupport.DeviceSessionContextTest;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs end to end over HTTP against simulated devices: partial success with each device's own
 * problem type, a testbed target narrowed by a glob, connect jobs that keep sessions and later jobs
 * that reuse them, refusals before anything runs, live events, a signed webhook retried after a
 * failure, cancellation and leases.
 */
@DeviceSessionContextTest
@Timeout(120)
class JobApiTest {

  private static final String PROBLEMS = "https://patchbay.dev/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final SimulatorExtension sim =
      SimulatorExtension.with(DeviceSpec.of("j1", "iosxe", Protocol.SSH));

  @Autowired WebTestClient client;
  @Autowired JobHousekeeping housekeeping;
  @Autowired JobStore store;
  @Autowired DataSource dataSource;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void runsCommandsOnEveryDeviceAndKeepsEachDevicesOwnFailure() throws Exception {
    String a = device("ja", null, sim.device("j1").port());
    String b = device("jb", null, sim.device("j1").port());
    String dead = device("jdead", null, closedPort());
    JsonNode job =
        start(
            """
            {"devices": ["%s", "%s", "%s"], "concurrency": 2,
             "commands": [{"command": "show version", "parse": true}, {"command": "show clock"}]}
            """
                .formatted(a, b, dead),
            202);
    assertThat(job.path("state").asString()).isIn("QUEUED", "RUNNING");
    JsonNode done = await(job.path("id").asString());
    assertThat(done.path("state").asString()).isEqualTo("PARTIAL");
    assertThat(done.path("counts").path("succeeded").asInt()).isEqualTo(2);
    assertThat(done.path("counts").path("failed").asInt()).isEqualTo(1);
    JsonNode first = done.path("devices").path(0);
    assertThat(first.path("device").asString()).isEqualTo(a);
    assertThat(first.path("state").asString()).isEqualTo("SUCCEEDED");
    assertThat(first.path("results")).hasSize(2);
    assertThat(first.path("results").path(0).path("output").asString())
        .startsWith("Cisco IOS XE Software");
    assertThat(first.path("results").path(0).path("truncated").asBoolean()).isFalse();
    assertThat(first.path("results").path(0).path("parsed").path(0).path("version").asString())
        .as("a job's command is parsed like a single execute")
        .isNotBlank();
    JsonNode failed = done.path("devices").path(2);
    assertThat(failed.path("state").asString()).isEqualTo("FAILED");
    assertThat(failed.path("problemType").asString()).isEqualTo(PROBLEMS + "device-unreachable");
    assertThat(body(get("/api/v1/devices/" + a + "/sessions"), 200))
        .as("the transient session is closed at the end")
        .isEmpty();
    assertThat(body(get("/api/v1/jobs?state=PARTIAL"), 200).path("items").toString())
        .contains(done.path("id").asString());
    assertThat(meters.get("patchbay.jobs.started").counter().count()).isPositive();
    assertThat(meters.get("patchbay.jobs.duration").tag("state", "partial").timer().count())
        .as("a job's duration is timed by its final state")
        .isPositive();
  }

  @Test
  void aJobRetriedWithItsIdempotencyKeyIsStartedOnce() throws Exception {
    String a = device("jidem", null, sim.device("j1").port());
    String json = "{\"devices\": [\"" + a + "\"], \"commands\": [{\"command\": \"show clock\"}]}";
    var first = startWithKey(json, "job-" + a);
    assertThat(first.getStatus().value()).isEqualTo(202);
    var retry = startWithKey(json, "job-" + a);
    assertThat(retry.getStatus().value()).isEqualTo(202);
    assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    String id = JSON.readTree(first.getResponseBody()).path("id").asString();
    assertThat(JSON.readTree(retry.getResponseBody()).path("id").asString()).isEqualTo(id);
    assertThat(retry.getResponseHeaders().getLocation()).hasToString("/api/v1/jobs/" + id);
    assertThat(
            startWithKey(json.replace("show clock", "show version"), "job-" + a)
                .getStatus()
                .value())
        .isEqualTo(422);
    await(id);
    long started = 0;
    for (JsonNode listed : body(get("/api/v1/jobs?size=500"), 200).path("items")) {
      started += listed.toString().contains(a) ? 1 : 0;
    }
    assertThat(started).as("jobs started for " + a).isEqualTo(1);
  }

  private org.springframework.test.web.reactive.server.EntityExchangeResult<String> startWithKey(
      String json, String key) {
    return client
        .post()
        .uri("/api/v1/jobs")
        .header("Idempotency-Key", key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange()
        .expectBody(String.class)
        .returnResult();
  }

  @Test
  void connectJobKeepsSessionsThatALaterJobReuses() throws Exception {
    String testbed = "jtb-" + UUID.randomUUID().toString().substring(0, 8);
    body(post("/api/v1/testbeds", "{\"name\": \"" + testbed + "\"}"), 201);
    String core = device("core", testbed, sim.device("j1").port());
    device("edge", testbed, sim.device("j1").port());
    JsonNode connect =
        await(
            start(
                    "{\"testbed\": \""
                        + testbed
                        + "\", \"namePattern\": \"core-*\", \"alias\": \"keep\"}",
                    202)
                .path("id")
                .asString());
    assertThat(connect.path("state").asString()).isEqualTo("SUCCEEDED");
    assertThat(connect.path("kind").asString()).isEqualTo("CONNECT");
    assertThat(connect.path("devices"))
        .singleElement()
        .satisfies(d -> assertThat(d.path("device").asString()).isEqualTo(core));
    JsonNode reuse =
        await(
            start(
                    "{\"devices\": [\""
                        + core
                        + "\"], \"alias\": \"keep\","
                        + " \"configure\": [\"interface Loopback7\", \"description job\"]}",
                    202)
                .path("id")
                .asString());
    assertThat(reuse.path("state").asString()).isEqualTo("SUCCEEDED");
    assertThat(reuse.path("devices").path(0).path("alias").asString()).isEqualTo("keep");
    assertThat(
            body(get("/api/v1/devices/" + core + "/sessions/keep"), 200).path("state").asString())
        .as("a reused session stays open")
        .isEqualTo("CONNECTED");
    client
        .delete()
        .uri("/api/v1/devices/" + core + "/sessions/keep")
        .exchange()
        .expectStatus()
        .isNoContent();
  }

  @Test
  void badJobsAreRefusedBeforeAnythingRuns() {
    String a = device("jbad", null, sim.device("j1").port());
    problem(post("/api/v1/jobs", "{}"), 400, "validation");
    JsonNode unknown =
        problem(
            post("/api/v1/jobs", "{\"devices\": [\"" + a + "\", \"nope-1\", \"nope-2\"]}"),
            404,
            "not-found");
    assertThat(unknown.path("detail").asString()).contains("nope-1, nope-2").doesNotContain(a);
    problem(
        post("/api/v1/jobs", "{\"devices\": [\"" + a + "\"], \"concurrency\": 0}"),
        400,
        "validation");
    problem(
        post(
            "/api/v1/jobs",
            "{\"devices\": [\""
                + a
                + "\"], \"commands\": [{\"command\": \"x\"}], \"configure\": [\"y\"]}"),
        400,
        "validation");
    problem(
        post(
            "/api/v1/jobs",
            "{\"devices\": [\""
                + a
                + "\"], \"commands\": [{\"command\": \"x\", \"prompt\": \"((\"}]}"),
        400,
        "validation");
    JsonNode webhook =
        problem(
            post(
                "/api/v1/jobs",
                "{\"devices\": [\""
                    + a
                    + "\"], \"webhook\": {\"url\": \"http://169.254.169.254/x\","
                    + " \"secret\": \"0123456789abcdef\"}}"),
            400,
            "validation");
    assertThat(webhook.path("detail").asString()).contains("169.254.169.254");
    problem(post("/api/v1/jobs", "{\"testbed\": \"no-such-testbed\"}"), 404, "not-found");
  }

  @Test
  void eventsFollowEveryDeviceThenTheEnd() {
    String a = device("jev", null, sim.device("j1").port());
    String b = device("jev", null, sim.device("j1").port());
    String id =
        start(
                "{\"devices\": [\""
                    + a
                    + "\", \""
                    + b
                    + "\"], \"commands\": [{\"command\": \"show slow\"}]}",
                202)
            .path("id")
            .asString();
    List<ServerSentEvent<JobEvent>> events =
        client
            .get()
            .uri("/api/v1/jobs/" + id + "/events")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<JobEvent>>() {})
            .getResponseBody()
            .collectList()
            .block(Duration.ofSeconds(60));
    assertThat(events)
        .last()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo("end");
              assertThat(e.data().jobState()).isEqualTo(JobState.SUCCEEDED);
            });
    assertThat(
            events.stream()
                .filter(e -> "device".equals(e.event()))
                .map(e -> e.data().device() + ":" + e.data().deviceState()))
        .contains(a + ":RUNNING", a + ":SUCCEEDED", b + ":RUNNING", b + ":SUCCEEDED");
    List<ServerSentEvent<JobEvent>> replayed =
        client
            .get()
            .uri("/api/v1/jobs/" + id + "/events")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<JobEvent>>() {})
            .getResponseBody()
            .collectList()
            .block(Duration.ofSeconds(10));
    assertThat(replayed).as("an ended job replays its devices, then the end").hasSize(3);
  }

  @Test
  void webhookIsSignedAndRetried() throws Exception {
    String secret = "s3cret-for-the-webhook";
    List<String> signatures = new CopyOnWriteArrayList<>();
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          bodies.add(exchange.getRequestBody().readAllBytes());
          signatures.add(exchange.getRequestHeaders().getFirst("X-Patchbay-Signature"));
          exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 500 : 204, -1);
          exchange.close();
        });
    server.start();
    try {
      String a = device("jhook", null, sim.device("j1").port());
      String id =
          start(
                  "{\"devices\": [\""
                      + a
                      + "\"], \"commands\": [{\"command\": \"show clock\"}],"
                      + " \"webhook\": {\"url\": \"http://127.0.0.1:"
                      + server.getAddress().getPort()
                      + "/hook\", \"secret\": \""
                      + secret
                      + "\"}}",
                  202)
              .path("id")
              .asString();
      await(id);
      JsonNode job = null;
      for (int i = 0; i < 100; i++) {
        job = body(get("/api/v1/jobs/" + id), 200);
        if (!"pending".equals(job.path("webhookStatus").asString())) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(job.path("webhookStatus").asString())
          .startsWith("delivered (HTTP 204) after 2 attempt(s)");
      assertThat(job.toString()).doesNotContain(secret);
      assertThat(calls.get()).isEqualTo(2);
      byte[] delivered = bodies.get(1);
      assertThat(signatures.get(1)).isEqualTo("sha256=" + WebhookSender.sign(secret, delivered));
      JsonNode summary = JSON.readTree(new String(delivered, StandardCharsets.UTF_8));
      assertThat(summary.path("id").asString()).isEqualTo(id);
      assertThat(summary.path("state").asString()).isEqualTo("SUCCEEDED");
      assertThat(summary.toString()).doesNotContain(secret);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void cancelStopsDevicesNotStarted() throws Exception {
    List<String> devices = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      devices.add(device("jcan", null, sim.device("j1").port()));
    }
    String id =
        start(
                "{\"devices\": "
                    + JSON.writeValueAsString(devices)
                    + ", \"concurrency\": 1,"
                    + " \"commands\": [{\"command\": \"show slow\"}, {\"command\": \"show clock\"}]}",
                202)
            .path("id")
            .asString();
    client.delete().uri("/api/v1/jobs/" + id).exchange().expectStatus().isAccepted();
    JsonNode done = await(id);
    assertThat(done.path("state").asString()).isEqualTo("CANCELLED");
    assertThat(done.path("counts").path("cancelled").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(done.path("devices").path(3).path("problemDetail").asString()).contains("cancelled");
    problem(client.delete().uri("/api/v1/jobs/" + id).exchange(), 409, "conflict");
    problem(get("/api/v1/jobs/" + UUID.randomUUID()), 404, "not-found");
  }

  @Test
  void cancelInterruptsARunningCommandAndKeepsTheSession() throws Exception {
    String a = device("jhang", null, sim.device("j1").port());
    body(post("/api/v1/devices/" + a + "/sessions", "{\"alias\": \"kept\"}"), 201);
    String id =
        start(
                "{\"devices\": [\""
                    + a
                    + "\"], \"alias\": \"kept\","
                    + " \"commands\": [{\"command\": \"show hang\", \"timeoutSeconds\": 60}]}",
                202)
            .path("id")
            .asString();
    for (int i = 0;
        i < 100 && body(get("/api/v1/jobs/" + id), 200).path("counts").path("running").asInt() == 0;
        i++) {
      Thread.sleep(50);
    }
    Thread.sleep(300);
    long cancelledAt = System.nanoTime();
    client.delete().uri("/api/v1/jobs/" + id).exchange().expectStatus().isAccepted();
    JsonNode done = await(id);
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt))
        .as("the hung command is interrupted, not waited out")
        .isLessThan(Duration.ofSeconds(20));
    assertThat(done.path("state").asString()).isEqualTo("CANCELLED");
    JsonNode device = done.path("devices").path(0);
    assertThat(device.path("state").asString()).isEqualTo("CANCELLED");
    assertThat(device.path("problemDetail").asString()).contains("cancelled during 'show hang'");
    JsonNode after =
        body(
            post(
                "/api/v1/devices/" + a + "/sessions/kept/execute", "{\"command\": \"show clock\"}"),
            200);
    assertThat(after.path("output").asString()).isNotBlank();
    client
        .delete()
        .uri("/api/v1/devices/" + a + "/sessions/kept")
        .exchange()
        .expectStatus()
        .isNoContent();
  }

  @Test
  void aJobOnLeasedDevicesNeedsTheLease() throws Exception {
    String a = device("jlease", null, sim.device("j1").port());
    String b = device("jlease", null, sim.device("j1").port());
    JsonNode lease =
        body(
            post(
                "/api/v1/leases",
                "{\"devices\": [\""
                    + a
                    + "\", \""
                    + b
                    + "\"], \"holder\": \"ci\", \"ttlSeconds\": 60}"),
            201);
    String header = lease.path("id").asString() + ":" + lease.path("token").asString();
    String body =
        "{\"devices\": [\""
            + a
            + "\", \""
            + b
            + "\"], \"commands\": [{\"command\": \"show clock\"}]}";
    problem(post("/api/v1/jobs", body), 423, "locked");
    String id =
        body(
                client
                    .post()
                    .uri("/api/v1/jobs")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Patchbay-Lease", header)
                    .bodyValue(body)
                    .exchange(),
                202)
            .path("id")
            .asString();
    assertThat(await(id).path("state").asString()).isEqualTo("SUCCEEDED");
    client
        .delete()
        .uri("/api/v1/leases/" + lease.path("id").asString())
        .header("Patchbay-Lease", header)
        .exchange()
        .expectStatus()
        .isNoContent();
  }

  @Test
  void jobsLeftRunningByALostInstanceAreFailedAndOnlyThose() {
    String id = UUID.randomUUID().toString();
    store.insert(
        id,
        JobKind.EXECUTE,
        "ghost",
        new JobRequest(
            List.of("x"), null, null, null, null, null, null, null, null, null, null, null),
        List.of("x", "y"),
        List.of(""),
        java.time.Instant.now());
    store.started(id, java.time.Instant.now());
    String ghost = UUID.randomUUID().toString();
    JdbcClient.create(dataSource)
        .sql("UPDATE job SET instance_id = ? WHERE id = ?")
        .params(ghost, id)
        .update();
    LostInstance other =
        new LostInstance(UUID.randomUUID().toString(), "other", Instant.now(), false);
    housekeeping.instanceLost(other);
    assertThat(body(get("/api/v1/jobs/" + id), 200).path("state").asString()).isEqualTo("RUNNING");
    housekeeping.instanceLost(new LostInstance(ghost, "ghost", Instant.now(), false));
    JsonNode job = body(get("/api/v1/jobs/" + id), 200);
    assertThat(job.path("state").asString()).isEqualTo("FAILED");
    assertThat(job.path("reason").asString()).startsWith("instance-lost");
    assertThat(job.path("devices").path(0).path("state").asString()).isEqualTo("CANCELLED");
  }

  // --- helpers

  private String device(String prefix, String testbed, int port) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    body(
        post(
            "/api/v1/devices",
            """
            {"name": "%s", "os": "iosxe", %s
             "credentials": {"default": {"username": "admin", "password": "admin"},
                             "enable": {"password": "cisco"}},
             "connections": [{"name": "cli", "protocol": "ssh", "host": "127.0.0.1", "port": %d,
               "timeouts": {"connectSeconds": 5, "loginSeconds": 10, "executeSeconds": 10},
               "settings": {"host_key_policy": "insecure"}}]}
            """
                .formatted(name, testbed == null ? "" : "\"testbed\": \"" + testbed + "\",", port)),
        201);
    return name;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private JsonNode start(String json, int status) {
    return body(post("/api/v1/jobs", json), status);
  }

  private JsonNode await(String id) {
    JsonNode job = body(get("/api/v1/jobs/" + id + "?wait=60"), 200);
    assertThat(job.path("finishedAt").isMissingNode()).as("ended within the wait").isFalse();
    return job;
  }

  private WebTestClient.ResponseSpec post(String uri, String json) {
    return client
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }

  private WebTestClient.ResponseSpec get(String uri) {
    return client.get().uri(uri).exchange();
  }

  private JsonNode body(WebTestClient.ResponseSpec response, int status) {
    String text =
        response
            .expectStatus()
            .isEqualTo(status)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return text == null ? null : JSON.readTree(text);
  }

  private JsonNode problem(WebTestClient.ResponseSpec response, int status, String type) {
    JsonNode problem = body(response, status);
    assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + type);
    return problem;
  }
}
