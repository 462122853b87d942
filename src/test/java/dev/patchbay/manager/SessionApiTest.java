package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cluster.InstanceIdentity;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.cli.DeviceProfile;
import dev.patchbay.simulator.cli.ProfileLoader;
import dev.patchbay.testsupport.PrometheusScrape;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;
import tools.jackson.databind.JsonNode;

/**
 * Sessions end to end over HTTP against simulated devices, with BlockHound watching the Netty event
 * loops: open over SSH and Telnet, execute, configure (and a rejected line), a dialog, a pool
 * serving 50 concurrent callers, conflicts, limits, a drop mid-command (and a reconnect), device
 * deletion with live sessions and unknown sessions.
 */
@Timeout(120)
class SessionApiTest extends SessionApiTestSupport {

  @Autowired MeterRegistry meters;
  @Autowired ConnectionManagerRegistry registry;
  @Autowired InstanceIdentity instance;

  @AfterEach
  void nothingBlockedAnEventLoop() {
    assertThat(NoBlockingOnEventLoop.violations()).isEmpty();
  }

  @Test
  void blockHoundIsActive() throws Exception {
    try {
      Future<?> onEventLoop =
          HttpResources.get()
              .onServer(true)
              .next()
              .submit(
                  () -> {
                    Thread.sleep(1);
                    return null;
                  });
      assertThatThrownBy(() -> onEventLoop.get(5, TimeUnit.SECONDS))
          .rootCause()
          .hasMessageStartingWith("Blocking call! java.lang.Thread.sleep");
      assertThatThrownBy(
              () ->
                  Mono.fromCallable(
                          () -> {
                            Thread.sleep(1);
                            return 1;
                          })
                      .subscribeOn(Schedulers.parallel())
                      .block(Duration.ofSeconds(5)))
          .hasMessageContaining("Blocking call");
      assertThat(NoBlockingOnEventLoop.violations()).hasSize(2);
    } finally {
      NoBlockingOnEventLoop.clear();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cli", "vty"})
  void opensExecutesAndCloses(String via) {
    String device = registerDevice("open");
    JsonNode session =
        body(post(sessions(device), "{\"via\": \"" + via + "\", \"alias\": \"main\"}"), 201);
    assertThat(session.path("alias").asString()).isEqualTo("main");
    assertThat(session.path("via").asString()).isEqualTo(via);
    assertThat(session.path("protocol").asString()).isEqualTo(via.equals("cli") ? "ssh" : "telnet");
    assertThat(session.path("state").asString()).isEqualTo("CONNECTED");
    assertThat(session.path("poolSize").asInt()).isEqualTo(1);
    assertThat(session.path("pool").isNull()).isTrue();
    assertThat(session.path("failure").isNull()).isTrue();

    JsonNode version = execute(device, "main", "show version");
    assertThat(version.path("output").asString()).startsWith("Cisco IOS XE Software");
    assertThat(version.path("prompt").asString()).matches("r[12][>#]");
    assertThat(version.path("elapsedMs").asLong()).isNotNegative();

    JsonNode listed = body(get(sessions(device)), 200);
    assertThat(listed).hasSize(1);
    delete(sessions(device) + "/main").expectStatus().isNoContent();
    problem(get(sessions(device) + "/main"), 404, "session-not-found");
    assertThat(body(get(sessions(device)), 200)).isEmpty();
  }

  @Test
  void defaultsToConnectionDefaultsViaAndAliasDefault() {
    String device = registerDevice("defaults");
    JsonNode session = body(post(sessions(device), "{}"), 201);
    assertThat(session.path("alias").asString()).isEqualTo("default");
    assertThat(session.path("via").asString()).isEqualTo("cli");
    delete(sessions(device) + "/default").expectStatus().isNoContent();
  }

  @Test
  void anOpenRetriedWithItsIdempotencyKeyGetsTheFirstSession() {
    String device = registerDevice("idem");
    String key = "open-" + device;
    var first = openWithKey(device, "{\"alias\": \"once\"}", key);
    assertThat(first.getStatus().value()).isEqualTo(201);
    var retry = openWithKey(device, "{\"alias\": \"once\"}", key);
    assertThat(retry.getStatus().value()).isEqualTo(201);
    assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.getResponseHeaders().getLocation())
        .isEqualTo(first.getResponseHeaders().getLocation());
    assertThat(JSON.readTree(retry.getResponseBody()))
        .isEqualTo(JSON.readTree(first.getResponseBody()));
    assertThat(openWithKey(device, "{\"alias\": \"other\"}", key).getStatus().value())
        .isEqualTo(422);
    problem(post(sessions(device), "{\"alias\": \"once\"}"), 409, "session-exists");
    delete(sessions(device) + "/once").expectStatus().isNoContent();
  }

  private org.springframework.test.web.reactive.server.EntityExchangeResult<String> openWithKey(
      String device, String json, String key) {
    return client
        .post()
        .uri(sessions(device))
        .header("Idempotency-Key", key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange()
        .expectBody(String.class)
        .returnResult();
  }

  @Test
  void configuresAndReportsTheRejectedLine() {
    String device = registerDevice("config");
    body(post(sessions(device), "{\"alias\": \"cfg\"}"), 201);
    JsonNode applied =
        body(
            post(
                sessions(device) + "/cfg/configure",
                "{\"lines\": [\"interface Loopback7\", \"description from-rest\"]}"),
            200);
    assertThat(applied.path("lines").asInt()).isEqualTo(2);
    assertThat(execute(device, "cfg", "show running-config").path("output").asString())
        .contains("description from-rest");

    JsonNode rejected =
        problem(
            post(
                sessions(device) + "/cfg/configure",
                "{\"lines\": [\"interface Loopback8\", \"exit\", \"bogus line\", \"never\"]}"),
            422,
            "command-error");
    assertThat(rejected.path("line").asInt()).isEqualTo(3);
    assertThat(rejected.path("command").asString()).isEqualTo("bogus line");
    assertThat(rejected.path("output").asString()).contains("%");
    assertThat(execute(device, "cfg", "show clock").path("prompt").asString()).matches("r[12][>#]");
  }

  @Test
  void answersADialog() {
    String device = registerDevice("dialog");
    body(post(sessions(device), "{\"alias\": \"d\"}"), 201);
    JsonNode enable =
        body(
            post(
                sessions(device) + "/d/execute",
                """
                {"command": "enable", "reply": [{"pattern": "^Password: ?$", "answer": "cisco"}]}
                """),
            200);
    assertThat(enable.path("prompt").asString()).endsWith("#");
    JsonNode copy =
        body(
            post(
                sessions(device) + "/d/execute",
                """
                {"command": "copy running-config startup-config",
                 "reply": [{"pattern": "Destination filename \\\\[startup-config\\\\]\\\\?",
                            "answer": ""}]}
                """),
            200);
    assertThat(copy.path("output").asString()).contains("[OK]");
  }

  @Test
  void runsABatchAndStopsAtTheFirstError() {
    String device = registerDevice("batch");
    body(post(sessions(device), "{\"alias\": \"b\"}"), 201);
    JsonNode batch =
        body(
            post(
                sessions(device) + "/b/execute-batch",
                "{\"commands\": [\"show clock\", \"show bogus\", \"show version\"]}"),
            200);
    assertThat(batch.path("complete").asBoolean()).isFalse();
    assertThat(batch.path("results")).hasSize(2);
    assertThat(batch.path("results").get(0).path("ok").asBoolean()).isTrue();
    assertThat(batch.path("results").get(1).path("problemType").asString())
        .isEqualTo(PROBLEMS + "command-error");
    JsonNode all =
        body(
            post(
                sessions(device) + "/b/execute-batch",
                "{\"commands\": [\"show bogus\", \"show clock\"], \"stopOnError\": false}"),
            200);
    assertThat(all.path("results")).hasSize(2);
    assertThat(all.path("results").get(1).path("ok").asBoolean()).isTrue();
  }

  @Test
  void poolOfFourServesFiftyConcurrentCallersWithoutInterleaving() throws Exception {
    String device = registerDevice("pool");
    JsonNode pool = body(post(sessions(device), "{\"alias\": \"p\", \"poolSize\": 4}"), 201);
    assertThat(pool.path("poolSize").asInt()).isEqualTo(4);
    assertThat(pool.path("pool").path("idle").asInt()).isEqualTo(4);
    double waitsBefore = meters.get("patchbay.pool.wait").timer().count();

    CountDownLatch start = new CountDownLatch(1);
    List<Callable<String>> callers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String host = "10.0." + (i / 10) + "." + i;
      callers.add(
          () -> {
            start.await();
            String output = execute(device, "p", "ping " + host).path("output").asString();
            return host + "|" + output;
          });
    }
    List<String> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> futures = callers.stream().map(threads::submit).toList();
      start.countDown();
      for (Future<String> future : futures) {
        results.add(future.get(90, TimeUnit.SECONDS));
      }
    }
    for (String result : results) {
      String host = result.substring(0, result.indexOf('|'));
      String output = result.substring(result.indexOf('|') + 1);
      assertThat(output)
          .as("output of ping " + host)
          .contains("Echos to " + host + ", timeout")
          .containsOnlyOnce("Sending 5")
          .containsOnlyOnce("Success rate");
    }
    JsonNode after = body(get(sessions(device) + "/p"), 200);
    assertThat(after.path("pool").path("size").asInt()).isEqualTo(4);
    assertThat(after.path("pool").path("busy").asInt()).isZero();
    assertThat(after.path("pool").path("waiting").asInt()).isZero();
    assertThat(meters.get("patchbay.pool.wait").timer().count() - waitsBefore).isEqualTo(50);
    assertThat(
            meters
                .get("patchbay.executes")
                .tag("operation", "execute")
                .tag("outcome", "ok")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(50);
    assertThat(
            meters
                .get("patchbay.execute.latency")
                .tag("operation", "execute")
                .timer()
                .takeSnapshot()
                .histogramCounts())
        .isNotEmpty();
    assertThat(meters.get("patchbay.connections.open").tag("protocol", "ssh").gauge().value())
        .isGreaterThanOrEqualTo(4);
    delete(sessions(device) + "/p").expectStatus().isNoContent();
  }

  @Test
  void refusesASecondSessionUnderTheSameAlias() {
    String device = registerDevice("twice");
    body(post(sessions(device), "{\"alias\": \"one\"}"), 201);
    JsonNode conflict =
        problem(post(sessions(device), "{\"alias\": \"one\"}"), 409, "session-exists");
    assertThat(conflict.path("session").path("alias").asString()).isEqualTo("one");
    assertThat(conflict.path("session").path("state").asString()).isEqualTo("CONNECTED");
    problem(post(sessions(device), "{\"alias\": \"not-an-identifier\"}"), 400, "validation");
  }

  @Test
  void aConsoleLineHoldsOneSessionAndCannotBePooled() {
    String device = registerDevice("console");
    body(post(sessions(device), "{\"via\": \"a\", \"alias\": \"first\"}"), 201);
    JsonNode busy =
        problem(
            post(sessions(device), "{\"via\": \"a\", \"alias\": \"second\"}"), 409, "line-busy");
    assertThat(busy.path("heldBy").asString()).isEqualTo("first");
    delete(sessions(device) + "/first").expectStatus().isNoContent();
    problem(
        post(sessions(device), "{\"via\": \"a\", \"alias\": \"pooled\", \"poolSize\": 2}"),
        400,
        "validation");
  }

  @Test
  void enforcesThePerDeviceLimit() {
    String device = registerDevice("limit");
    body(post(sessions(device), "{\"alias\": \"four\", \"poolSize\": 4}"), 201);
    JsonNode limit =
        problem(
            post(sessions(device), "{\"alias\": \"three\", \"poolSize\": 3}"),
            429,
            "too-many-connections");
    assertThat(limit.path("limit").asInt()).isEqualTo(6);
    body(post(sessions(device), "{\"alias\": \"two\", \"poolSize\": 2}"), 201);
    delete(sessions(device) + "/four").expectStatus().isNoContent();
    body(post(sessions(device), "{\"alias\": \"three\", \"poolSize\": 3}"), 201);
  }

  @Test
  void aDropMidCommandLeavesTheSessionDisconnectedWithItsCause() {
    String device = registerDevice("drop");
    body(post(sessions(device), "{\"alias\": \"x\"}"), 201);
    problem(post(sessions(device) + "/x/execute", "{\"command\": \"show crash\"}"), 409, "closed");
    JsonNode session = body(get(sessions(device) + "/x"), 200);
    assertThat(session.path("state").asString()).isEqualTo("DISCONNECTED");
    assertThat(session.path("failure").path("type").asString()).isEqualTo(PROBLEMS + "closed");
    assertThat(session.path("failure").path("detail").asString()).isNotBlank();
    problem(post(sessions(device) + "/x/execute", "{\"command\": \"show clock\"}"), 409, "closed");
  }

  @Test
  void reconnectsWhenTheDefinitionAsksForIt() throws InterruptedException {
    String device = registerDevice("reconnect");
    body(post(sessions(device), "{\"via\": \"flaky\", \"alias\": \"f\"}"), 201);
    problem(post(sessions(device) + "/f/execute", "{\"command\": \"show crash\"}"), 409, "closed");
    String state = "";
    for (int i = 0; i < 100 && !state.equals("CONNECTED"); i++) {
      Thread.sleep(100);
      state = body(get(sessions(device) + "/f"), 200).path("state").asString();
    }
    assertThat(state).isEqualTo("CONNECTED");
    assertThat(execute(device, "f", "show clock").path("prompt").asString()).matches("r[12][>#]");
  }

  @Test
  void deletingADeviceWithLiveSessionsNeedsForce() {
    String device = registerDevice("delete");
    body(post(sessions(device), "{\"alias\": \"live\"}"), 201);
    JsonNode refused = problem(delete("/api/v1/devices/" + device), 409, "device-sessions-live");
    assertThat(refused.path("sessions").get(0).asString()).isEqualTo("live");
    assertThat(body(get(sessions(device)), 200)).hasSize(1);
    delete("/api/v1/devices/" + device + "?force=true").expectStatus().isNoContent();
    problem(get(sessions(device)), 404, "not-found");
  }

  @Test
  void aCommandConnectionWhileDisabledIsAValidationProblem() {
    String device = "mock-" + UUID.randomUUID().toString().substring(0, 8);
    String testbed =
        """
        testbed:
          name: tb-%s
        devices:
          %s:
            os: iosxe
            connections:
              cli:
                protocol: unknown
                command: mock_device_cli --os iosxe
        """
            .formatted(device, device);
    client
        .post()
        .uri("/api/v1/testbeds/import")
        .contentType(MediaType.parseMediaType("application/yaml"))
        .bodyValue(testbed)
        .exchange()
        .expectStatus()
        .isCreated();
    JsonNode refused = problem(post(sessions(device), "{\"via\": \"cli\"}"), 400, "validation");
    assertThat(refused.path("detail").asString())
        .contains(device + "/cli", "patchbay.command-connections.enabled=false");
  }

  @Test
  void unknownSessionsAndDevicesAreNotFound() {
    String device = registerDevice("unknown");
    problem(get(sessions(device) + "/nope"), 404, "session-not-found");
    problem(
        post(sessions(device) + "/nope/execute", "{\"command\": \"show clock\"}"),
        404,
        "session-not-found");
    problem(delete(sessions(device) + "/nope"), 404, "session-not-found");
    problem(get(sessions("no-such-device")), 404, "not-found");
    problem(post(sessions("no-such-device"), "{}"), 404, "not-found");
    problem(post(sessions(device), "{\"via\": \"nope\"}"), 400, "validation");
  }

  @Test
  void aCommandThatNeverAnswersTimesOut() {
    String device = registerDevice("timeout");
    body(post(sessions(device), "{\"alias\": \"t\"}"), 201);
    JsonNode timeout =
        problem(
            post(
                sessions(device) + "/t/execute",
                "{\"command\": \"show hang\", \"timeoutSeconds\": 1}"),
            504,
            "timeout");
    assertThat(timeout.path("detail").asString()).isNotBlank();
    // interrupted (Ctrl-C) and the prompt back: the session stays usable
    assertThat(execute(device, "t", "show clock").path("prompt").asString()).isEqualTo("r1#");
    assertThat(body(get(sessions(device) + "/t"), 200).path("state").asString())
        .isEqualTo("CONNECTED");
  }

  @Test
  void aWedgedDeviceIsDisconnectedAfterTheRecoveryWindowAndReconnected() throws Exception {
    String device = registerDevice("wedged");
    body(post(sessions(device), "{\"alias\": \"w\", \"via\": \"flaky\"}"), 201);
    long started = System.nanoTime();
    problem(
        post(
            sessions(device) + "/w/execute",
            "{\"command\": \"show freeze\", \"timeoutSeconds\": 1}"),
        504,
        "timeout");
    long answeredMs = (System.nanoTime() - started) / 1_000_000;
    // the spec: timeout + 0.5 s; +1 s slack for HTTP and a loaded CI machine
    assertThat(answeredMs).isBetween(1_000L, 2_500L);
    // the prompt never comes back: after the 5 s recovery window the session is dropped, and
    // reconnect: true opens it again
    JsonNode session = body(get(sessions(device) + "/w"), 200);
    boolean dropped = false;
    for (int i = 0; i < 300; i++) {
      String state = session.path("state").asString();
      dropped |= !state.equals("CONNECTED");
      if (dropped && state.equals("CONNECTED")) {
        break;
      }
      Thread.sleep(50);
      session = body(get(sessions(device) + "/w"), 200);
    }
    assertThat(dropped).as("dropped after the recovery window").isTrue();
    assertThat(session.path("state").asString()).isEqualTo("CONNECTED");
    assertThat(execute(device, "w", "show clock").path("output").asString()).contains("UTC");
  }

  @Test
  void aBrokenPoolMemberIsReplaced() {
    String device = registerDevice("heal");
    body(post(sessions(device), "{\"alias\": \"p\", \"poolSize\": 2}"), 201);
    problem(post(sessions(device) + "/p/execute", "{\"command\": \"show crash\"}"), 409, "closed");
    for (int i = 0; i < 4; i++) {
      assertThat(execute(device, "p", "show clock").path("prompt").asString()).matches("r[12][>#]");
    }
    JsonNode pool = body(get(sessions(device) + "/p"), 200).path("pool");
    assertThat(pool.path("size").asInt()).isEqualTo(2);
    assertThat(pool.path("idle").asInt()).isEqualTo(2);
  }

  @Test
  void shutdownWaitsForRunningExecutesThenClosesEverySession() throws Exception {
    String device = registerDevice("shutdown");
    body(post(sessions(device), "{\"alias\": \"s\"}"), 201);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<JsonNode> slow = threads.submit(() -> execute(device, "s", "show slow"));
      Thread.sleep(500);
      long started = System.nanoTime();
      registry.stop();
      long stoppedAfterMs = (System.nanoTime() - started) / 1_000_000;
      try {
        assertThat(slow.get(30, TimeUnit.SECONDS).path("output").asString())
            .contains("Slow answer");
        assertThat(stoppedAfterMs).isGreaterThan(500);
        problem(post(sessions(device), "{\"alias\": \"late\"}"), 503, "shutting-down");
        problem(get(sessions(device) + "/s"), 404, "session-not-found");
      } finally {
        registry.start();
      }
    }
    body(post(sessions(device), "{\"alias\": \"s\"}"), 201);
  }

  @Test
  void concurrentCallersOfOneConnectionAreSerialised() throws Exception {
    String device = registerDevice("serial");
    body(post(sessions(device), "{\"alias\": \"one\"}"), 201);
    List<Callable<String>> callers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String host = "192.0.2." + i;
      callers.add(
          () -> host + "|" + execute(device, "one", "ping " + host).path("output").asString());
    }
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<String> future : threads.invokeAll(callers)) {
        String result = future.get(60, TimeUnit.SECONDS);
        String host = result.substring(0, result.indexOf('|'));
        assertThat(result.substring(result.indexOf('|') + 1))
            .contains("Echos to " + host + ", timeout")
            .containsOnlyOnce("Success rate");
      }
    }
  }

  @Test
  void aTimeoutCarriesTheOutputReceivedSoFar() {
    DeviceProfile slow =
        new ProfileLoader()
            .load(
                "slow",
                "test",
                """
                name: slow
                start-state: exec
                states:
                  exec:
                    prompt: "%N#"
                    commands:
                      - cmd: show trickle
                        rate: 40
                        response: |
                          first line of a very slow answer
                          second line that takes a long time to arrive
                          third line that never arrives in time at all
                """);
    SimulatedDevice device =
        sim.lab().start(DeviceSpec.of("slow", "iosxe", Protocol.SSH).withProfile(slow));
    try {
      String name = registerSshDevice("trickle", device.port(), false);
      body(post(sessions(name), "{\"alias\": \"t\"}"), 201);
      JsonNode timeout =
          problem(
              post(
                  sessions(name) + "/t/execute",
                  "{\"command\": \"show trickle\", \"timeoutSeconds\": 1}"),
              504,
              "timeout");
      assertThat(timeout.path("output").asString()).contains("first line");
    } finally {
      sim.lab().stop("slow");
    }
  }

  @Test
  void aStoppedDeviceIsRetriedABoundedNumberOfTimes() throws InterruptedException {
    SimulatedDevice device = sim.lab().start(DeviceSpec.of("gone", "iosxe", Protocol.SSH));
    String name = registerSshDevice("gone", device.port(), true);
    body(post(sessions(name), "{\"alias\": \"g\"}"), 201);
    sim.lab().stop("gone");
    JsonNode session = body(get(sessions(name) + "/g"), 200);
    for (int i = 0; i < 50 && session.path("state").asString().equals("CONNECTED"); i++) {
      Thread.sleep(100);
      session = body(get(sessions(name) + "/g"), 200);
    }
    assertThat(session.path("state").asString()).isIn("DISCONNECTED", "RECONNECTING");
    // 3 attempts after 200, 400 and 800 ms: the failure becomes the refused reconnect ...
    for (int i = 0; i < 100 && !failureType(session).equals("device-unreachable"); i++) {
      Thread.sleep(100);
      session = body(get(sessions(name) + "/g"), 200);
    }
    assertThat(failureType(session)).isEqualTo("device-unreachable");
    // ... and once they are spent, nothing reconnects, even when the device is back.
    Thread.sleep(2500);
    sim.lab().start(DeviceSpec.of("gone", "iosxe", Protocol.SSH).withPort(device.port()));
    try {
      Thread.sleep(2500);
      session = body(get(sessions(name) + "/g"), 200);
      assertThat(session.path("state").asString()).isEqualTo("DISCONNECTED");
      assertThat(failureType(session)).isEqualTo("device-unreachable");
    } finally {
      sim.lab().stop("gone");
    }
  }

  @Test
  void aTestbedCascadeDoesNotDeleteADeviceWithLiveSessions() {
    String testbed = "tb-" + UUID.randomUUID().toString().substring(0, 8);
    body(post("/api/v1/testbeds", "{\"name\": \"" + testbed + "\"}"), 201);
    String device = registerDevice("member");
    body(
        client
            .patch()
            .uri("/api/v1/devices/" + device)
            .contentType(MediaType.parseMediaType("application/merge-patch+json"))
            .bodyValue("{\"testbed\": \"" + testbed + "\"}")
            .exchange(),
        200);
    body(post(sessions(device), "{}"), 201);
    problem(delete("/api/v1/testbeds/" + testbed + "?cascade=true"), 409, "device-sessions-live");
    delete(sessions(device) + "/default").expectStatus().isNoContent();
    delete("/api/v1/testbeds/" + testbed + "?cascade=true").expectStatus().isNoContent();
  }

  private static String failureType(JsonNode session) {
    return session.path("failure").path("type").asString("").replace(PROBLEMS, "");
  }

  private String registerSshDevice(String prefix, int port, boolean reconnect) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    body(
        post(
            "/api/v1/devices",
            """
            {"name": "%s", "os": "iosxe",
             "credentials": {"default": {"username": "admin", "password": "admin"}},
             "connections": [{"name": "cli", "protocol": "ssh", "host": "127.0.0.1",
               "port": %d, "timeouts": {"connectSeconds": 2, "loginSeconds": 5},
               "settings": {"host_key_policy": "insecure", "reconnect": %s}}]}
            """
                .formatted(name, port, reconnect)),
        201);
    return name;
  }

  @Test
  void aCallerWaitingLongerThanThePoolTimeoutGetsPoolExhausted() throws Exception {
    String device = registerDevice("exhaust");
    body(
        post(sessions(device), "{\"alias\": \"p\", \"poolSize\": 2, \"poolTimeoutSeconds\": 1}"),
        201);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<JsonNode>> slow = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        slow.add(threads.submit(() -> execute(device, "p", "show slow")));
      }
      Thread.sleep(300);
      JsonNode exhausted =
          problem(
              post(sessions(device) + "/p/execute", "{\"command\": \"show clock\"}"),
              503,
              "pool-exhausted");
      assertThat(exhausted.path("pool").path("busy").asInt()).isEqualTo(2);
      for (Future<JsonNode> call : slow) {
        assertThat(call.get(30, TimeUnit.SECONDS).path("output").asString())
            .contains("Slow answer");
      }
    }
  }

  @Test
  void sessionMetricsArePublishedForPrometheus() {
    String device = registerDevice("metrics");
    body(post(sessions(device), "{\"alias\": \"m\", \"poolSize\": 2}"), 201);
    execute(device, "m", "show clock");
    String scrape = PrometheusScrape.read(client, instance);
    assertThat(scrape)
        .contains("patchbay_connections_open{protocol=\"ssh\"}")
        .contains("patchbay_executes_total{operation=\"execute\",outcome=\"ok\"}")
        .contains("patchbay_execute_latency_seconds_bucket")
        .contains("patchbay_pool_wait_seconds_bucket")
        .contains("patchbay_pool_members{state=\"idle\"}")
        .contains("patchbay_pool_waiting");
  }
}
