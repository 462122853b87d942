package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Web terminal viewers over real WebSockets against a simulated router: shared output, one writer
 * at a time, scrollback, REST automation seen live, a stalled viewer skipped without stalling
 * anyone, input limits, and sessions opened and closed by viewers.
 */
@Timeout(90)
class TerminalWebSocketTest extends TerminalTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Autowired TerminalHubs hubs;
  @Autowired MeterRegistry meters;

  private double terminalBytes(String outcome) {
    return meters.get("patchbay.terminal.bytes").tag("outcome", outcome).counter().count();
  }

  @Test
  void twoViewersSeeWhatTheWriterTypesAndTheSecondIsRefusedWrite() {
    String device = registerDevice("ws-two");
    openSession(device, "default");
    try (TestViewer first = connectAs("alice", terminal(device, "default", ""));
        TestViewer second = connectAs("bob", terminal(device, "default", ""))) {
      second.awaitStatus(s -> s.path("viewers").asInt() == 2, WAIT);
      first.control("{\"type\": \"request-write\"}");
      JsonNode granted = first.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      assertThat(granted.path("writerName").asString()).isEqualTo("alice");
      assertThat(second.awaitStatus(s -> s.has("writer"), WAIT).path("writable").asBoolean())
          .isFalse();

      first.type("show version\r");
      first.awaitOutput("Cisco IOS XE Software, Version 17.09.04a", WAIT);
      second.awaitOutput("Cisco IOS XE Software, Version 17.09.04a", WAIT);

      second.control("{\"type\": \"request-write\"}");
      second.awaitMessage(m -> "write-refused".equals(m.path("code").asString()), WAIT, "refusal");
      second.type("show clock\r");
      second.awaitMessage(
          m ->
              "write-refused".equals(m.path("code").asString())
                  && m.path("message").asString().contains("alice"),
          WAIT,
          "input refusal naming alice");

      first.control("{\"type\": \"release-write\"}");
      second.awaitStatus(s -> !s.has("writer"), WAIT);
      second.control("{\"type\": \"request-write\"}");
      second.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
    }
  }

  @Test
  void aLateViewerGetsTheScrollbackFirst() {
    String device = registerDevice("ws-late");
    openSession(device, "default");
    execute(device, "default", "show version");
    try (TestViewer late = TestViewer.connect(terminal(device, "default", ""))) {
      late.awaitOutput("Cisco IOS XE Software", WAIT);
      assertThat(late.lastStatus().path("state").asString()).isEqualTo("CONNECTED");
    }
  }

  @Test
  void restAutomationHoldsWriteControlAndItsOutputIsSeenLive() throws Exception {
    String device = registerDevice("ws-rest");
    openSession(device, "default");
    try (TestViewer viewer = connectAs("carol", terminal(device, "default", ""))) {
      viewer.awaitStatus(s -> s.path("viewers").asInt() == 1, WAIT);
      viewer.control("{\"type\": \"request-write\"}");
      viewer.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);

      CompletableFuture<JsonNode> slow =
          CompletableFuture.supplyAsync(() -> execute(device, "default", "show slow"));
      JsonNode during =
          viewer.awaitStatus(s -> "automation".equals(s.path("writer").asString()), WAIT);
      assertThat(during.path("writable").asBoolean()).isFalse();
      viewer.type("x");
      viewer.awaitMessage(
          m -> m.path("message").asString().contains("REST automation"), WAIT, "refusal");

      assertThat(slow.get().path("output").asString()).contains("Slow answer");
      viewer.awaitOutput("Slow answer after 2 seconds", WAIT);
      viewer.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
    }
  }

  @Test
  void aStalledViewerIsSkippedForwardWithoutStallingTheDeviceOrOtherViewers() {
    String device = registerDevice("ws-slow");
    openSession(device, "default");
    try (TestViewer fast = connectAs("fast", terminal(device, "default", ""));
        TestViewer stalled = TestViewer.connectPaused(terminal(device, "default", ""))) {
      fast.awaitStatus(s -> s.path("viewers").asInt() == 2, WAIT);
      TerminalHub hub = hubs.find(device, "default").orElseThrow();
      assertThat(meters.get("patchbay.terminal.viewers").gauge().value()).isGreaterThanOrEqualTo(2);
      double sentBefore = terminalBytes("sent");
      double skippedBefore = terminalBytes("skipped");

      long started = System.nanoTime();
      JsonNode result = execute(device, "default", "show tech-support");
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(result.path("output").asString().length()).isGreaterThan(10_000_000);
      assertThat(took).as("10 MB through the hub").isLessThan(Duration.ofSeconds(20));
      fast.awaitOutputEnding("r1#", WAIT);
      // The fast viewer kept streaming to the end: far more than a stalled viewer may hold. (Its
      // share of the 10 MB depends on how much faster the simulator floods than a WebSocket
      // drains; when the device outruns it, it is skipped forward too, by design.)
      assertThat(fast.output().length())
          .as("output the fast viewer received")
          .isGreaterThan(4 * 256 * 1024);

      long held = hub.bufferedOutput("v2").orElseThrow(); // the second viewer to attach
      assertThat(held).as("bytes held for the stalled viewer").isLessThanOrEqualTo(256 * 1024);

      stalled.resume();
      stalled.awaitMessage(
          m -> "output-skipped".equals(m.path("code").asString()),
          Duration.ofSeconds(40),
          "a skip notice after the socket buffers drained");
      stalled.awaitOutputEnding("r1#", WAIT);
      long skipped =
          stalled.messages().stream()
              .filter(m -> "output-skipped".equals(m.path("code").asString()))
              .mapToLong(m -> m.path("skippedBytes").asLong())
              .sum();
      assertThat(skipped).as("bytes the stalled viewer was told it missed").isGreaterThan(1 << 20);
      assertThat(stalled.output().length() + skipped)
          .as("received + skipped covers the 10 MB output")
          .isGreaterThan(10_000_000L);
      assertThat(terminalBytes("skipped") - skippedBefore)
          .as("patchbay.terminal.bytes skipped")
          .isGreaterThanOrEqualTo(skipped);
      assertThat(terminalBytes("sent") - sentBefore)
          .as("patchbay.terminal.bytes sent")
          .isGreaterThan(4 * 256 * 1024);
      stalled.close();
    }
  }

  @Test
  void aViewerThatAcknowledgesGetsNoMoreThanItsWindowUntilItAcknowledgesAgain()
      throws InterruptedException {
    String device = registerDevice("ws-ack");
    openSession(device, "default");
    try (TestViewer fast = connectAs("fast", terminal(device, "default", ""));
        TestViewer acking = TestViewer.connect(terminal(device, "default", ""))) {
      fast.awaitStatus(s -> s.path("viewers").asInt() == 2, WAIT);
      JsonNode status = acking.awaitStatus(s -> s.path("viewers").asInt() == 2, WAIT);
      long high = status.path("outputHighWatermark").asLong();
      assertThat(high).isEqualTo(1024 * 1024);
      assertThat(status.path("outputLowWatermark").asLong()).isEqualTo(256 * 1024);
      acking.control("{\"type\": \"ack\", \"bytes\": \"many\"}");
      acking.control("{\"type\": \"ack\", \"bytes\": 99999999999999999999999}");
      acking.control("{\"type\": \"ack\", \"bytes\": 1.5}");
      acking.awaitMessages(
          m -> "bad-message".equals(m.path("code").asString()), 3, WAIT, "three refused acks");
      long acknowledged = Math.max(1, acking.output().length());
      acking.control("{\"type\": \"ack\", \"bytes\": " + acknowledged + "}");

      long started = System.nanoTime();
      execute(device, "default", "show tech-support");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("10 MB through the hub while a viewer stops acknowledging")
          .isLessThan(Duration.ofSeconds(20));
      fast.awaitOutputEnding("r1#", WAIT);
      assertThat(fast.output().length()).isGreaterThan(4 * 256 * 1024);

      assertThat(acking.output().length() - acknowledged)
          .as("output sent beyond the last acknowledgement")
          .isGreaterThan(0)
          .isLessThan(high + Viewer.MAX_FRAME);
      assertThat(acking.output()).doesNotEndWith("r1#");

      // Acknowledging again, as a client does for what it has processed, resumes the output.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!acking.output().endsWith("r1#") && System.nanoTime() < deadline) {
        int received = acking.output().length();
        if (received > acknowledged) {
          acking.control("{\"type\": \"ack\", \"bytes\": " + (received - acknowledged) + "}");
          acknowledged = received;
        }
        Thread.sleep(50);
      }
      acking.awaitOutputEnding("r1#", Duration.ofSeconds(1));
      acking.awaitMessage(
          m -> "output-skipped".equals(m.path("code").asString()),
          WAIT,
          "a skip notice: its queue overflowed while it waited");
    }
  }

  @Test
  void oversizedAndTooFastInputIsRefused() {
    String device = registerDevice("ws-input");
    openSession(device, "default");
    try (TestViewer viewer = TestViewer.connect(terminal(device, "default", ""))) {
      viewer.control("{\"type\": \"request-write\"}");
      viewer.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);

      viewer.send(new byte[4097]);
      viewer.awaitMessage(m -> "input-too-large".equals(m.path("code").asString()), WAIT, "size");

      byte[] spaces = new byte[4096];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 8; i++) {
        viewer.send(spaces);
      }
      viewer.awaitMessage(
          m -> "input-rate-limited".equals(m.path("code").asString()), WAIT, "rate limit");
    }
  }

  @Test
  void openTrueOpensTheSessionAndTheLastViewerLeavingClosesIt() {
    String device = registerDevice("ws-open");
    try (TestViewer refused = TestViewer.connect(terminal(device, "web", ""))) {
      refused.awaitMessage(
          m -> "session-not-found".equals(m.path("code").asString()), WAIT, "no session");
      assertThat(refused.awaitClosed(WAIT).getCode()).isEqualTo(4000);
    }
    TestViewer first = TestViewer.connect(terminal(device, "web", "via=cli&open=true"));
    JsonNode opened = first.awaitStatus(s -> "CONNECTED".equals(s.path("state").asString()), WAIT);
    assertThat(opened.path("writable").asBoolean()).as("the opener may type at once").isTrue();
    assertThat(opened.path("maxInputFrame").asLong()).isEqualTo(4096);
    first.awaitOutputEnding("r1#", WAIT);
    TestViewer second = TestViewer.connect(terminal(device, "web", "open=true"));
    JsonNode joined = second.awaitStatus(s -> s.path("viewers").asInt() == 2, WAIT);
    assertThat(joined.path("writable").asBoolean())
        .as("write control stays with the opener")
        .isFalse();
    assertThat(joined.path("viewerNames").size()).isEqualTo(2);
    second.awaitOutput("r1#", WAIT);
    client
        .get()
        .uri("/api/v1/devices/" + device + "/sessions/web")
        .exchange()
        .expectStatus()
        .isOk();

    first.close();
    second.awaitStatus(s -> s.path("viewers").asInt() == 1, WAIT);
    assertThat(sessionStatus(device, "web")).isEqualTo(200);
    second.close();
    awaitSessionGone(device, "web");
  }

  @Test
  void aSessionOpenedByRestStaysWhenItsLastViewerLeaves() {
    String device = registerDevice("ws-stay");
    openSession(device, "default");
    try (TestViewer viewer = TestViewer.connect(terminal(device, "default", "open=true"))) {
      viewer.awaitStatus(s -> s.path("viewers").asInt() == 1, WAIT);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(sessionStatus(device, "default")).isEqualTo(200);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void theHubFollowsTheSessionAcrossAReconnect() {
    String device = registerDevice("ws-reconnect");
    post("/api/v1/devices/" + device + "/sessions", "{\"alias\": \"f\", \"via\": \"flaky\"}")
        .expectStatus()
        .isCreated();
    try (TestViewer viewer = TestViewer.connect(terminal(device, "f", ""))) {
      viewer.control("{\"type\": \"request-write\"}");
      viewer.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      viewer.type("show crash\r");
      viewer.awaitMessage(
          m ->
              "status".equals(m.path("type").asString())
                  && !"CONNECTED".equals(m.path("state").asString()),
          WAIT,
          "a status while the connection is down");
      viewer.awaitStatus(s -> "CONNECTED".equals(s.path("state").asString()), WAIT);
      execute(device, "f", "show version");
      viewer.awaitOutput("Cisco IOS XE Software, Version 17.09.04a", WAIT);
    }
  }

  @Test
  void aPooledSessionCannotBeAttached() {
    String device = registerDevice("ws-pool");
    post("/api/v1/devices/" + device + "/sessions", "{\"alias\": \"p\", \"poolSize\": 2}")
        .expectStatus()
        .isCreated();
    try (TestViewer viewer = TestViewer.connect(terminal(device, "p", ""))) {
      JsonNode error =
          viewer.awaitMessage(m -> "conflict".equals(m.path("code").asString()), WAIT, "refusal");
      assertThat(error.path("message").asString()).contains("pool");
      assertThat(viewer.awaitClosed(WAIT).getReason()).isEqualTo("conflict");
    }
  }

  private int sessionStatus(String device, String alias) {
    return client
        .get()
        .uri("/api/v1/devices/" + device + "/sessions/" + alias)
        .exchange()
        .expectBody()
        .returnResult()
        .getStatus()
        .value();
  }

  private void awaitSessionGone(String device, String alias) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (sessionStatus(device, alias) != 404) {
      assertThat(System.nanoTime()).as("session closed in time").isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
