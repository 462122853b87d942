package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.TestApiToken;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * The console's calls: {@code GET /api/v1/sessions} lists every live session with its opener,
 * writer and viewers (paged, filtered, scoped by token), and {@code GET /api/v1/events} pushes
 * opens, changes, closes (who and why, which the terminal's viewers also read) and leases; the
 * recording marks each write handoff with the new writer.
 */
class ConsoleSessionsAndEventsTest extends TerminalTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void listsEveryLiveSessionWithItsOpenerWriterAndViewers() throws InterruptedException {
    String device = registerDevice("console-list");
    String other = registerDevice("console-list");
    openSession(device, "default");
    openSession(other, "second");
    try (TestViewer alice = connectAs("alice", terminal(device, "default", ""));
        TestViewer bob = connectAs("bob", terminal(device, "default", ""))) {
      bob.awaitStatus(s -> s.path("viewers").asInt() == 2, WAIT);
      alice.control("{\"type\": \"request-write\"}");
      alice.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);

      JsonNode page = get("/api/v1/sessions?device=" + device, TestApiToken.ADMIN);
      assertThat(page.path("totalItems").asInt()).isEqualTo(1);
      JsonNode session = page.path("items").get(0);
      assertThat(session.path("device").asString()).isEqualTo(device);
      assertThat(session.path("alias").asString()).isEqualTo("default");
      assertThat(session.path("state").asString()).isEqualTo("CONNECTED");
      assertThat(session.path("protocol").asString()).isEqualTo("ssh");
      assertThat(session.path("via").asString()).isEqualTo("cli");
      assertThat(session.path("openedBy").asString()).isEqualTo("admin");
      assertThat(session.path("openedAt").asString()).isNotEmpty();
      assertThat(session.path("writer").asString()).isEqualTo("alice");
      assertThat(session.path("viewers").values())
          .extracting(JsonNode::asString)
          .containsExactlyInAnyOrder("alice", "bob");

      JsonNode all = get("/api/v1/sessions?size=500", tokenFor("console-viewer", "VIEWER"));
      assertThat(all.path("items").values())
          .extracting(s -> s.path("device").asString() + "/" + s.path("alias").asString())
          .contains(device + "/default", other + "/second");
      JsonNode second = get("/api/v1/sessions?device=" + other, TestApiToken.ADMIN);
      assertThat(second.path("items").get(0).path("viewers").values()).isEmpty();
      assertThat(second.path("items").get(0).path("writer").isNull()).isTrue();
      JsonNode onePerPage = get("/api/v1/sessions?size=1&page=1", TestApiToken.ADMIN);
      assertThat(onePerPage.path("items").size()).isEqualTo(1);
      assertThat(onePerPage.path("totalPages").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(
              get("/api/v1/sessions?testbed=nowhere", TestApiToken.ADMIN)
                  .path("totalItems")
                  .asInt())
          .isZero();
      String scoped = scopedViewer();
      assertThat(get("/api/v1/sessions", scoped).path("totalItems").asInt())
          .as("devices in no testbed are out of a scoped token's reach")
          .isZero();
    }
    client
        .get()
        .uri("/api/v1/sessions?size=0")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://patchbay.dev/problems/validation");
  }

  @Test
  void eventsFollowASessionFromOpenToCloseAndLeasesAndTheRecordingMarksHandoffs()
      throws InterruptedException {
    String device = registerDevice("console-events");
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    List<JsonNode> scopedEvents = new CopyOnWriteArrayList<>();
    Disposable admin = follow(TestApiToken.ADMIN, events);
    Disposable scoped = follow(scopedViewer(), scopedEvents);
    try {
      await(events, e -> e.path("type").asString().equals("ready"), "ready");
      await(scopedEvents, e -> e.path("type").asString().equals("ready"), "ready (scoped)");
      openSession(device, "live");
      await(events, e -> device.equals(e.path("session").path("device").asString()), "opened");
      try (TestViewer alice = connectAs("alice", terminal(device, "live", ""))) {
        await(
            events,
            e -> e.path("session").path("viewers").toString().equals("[\"alice\"]"),
            "alice attached");
        alice.control("{\"type\": \"request-write\"}");
        await(events, e -> "alice".equals(e.path("session").path("writer").asString()), "writer");
        alice.type("show clock\r");
        alice.awaitOutput("show clock", WAIT);

        client.delete().uri("/api/v1/devices/" + device + "/sessions/live").exchange();
        JsonNode closed =
            await(events, e -> e.path("type").asString().equals("session-closed"), "closed");
        assertThat(closed.path("device").asString()).isEqualTo(device);
        assertThat(closed.path("alias").asString()).isEqualTo("live");
        assertThat(closed.path("closedBy").asString()).isEqualTo("admin");
        assertThat(closed.path("reason").asString()).isEqualTo("closed by request");
        JsonNode last = alice.awaitStatus(s -> "CLOSED".equals(s.path("state").asString()), WAIT);
        assertThat(last.path("closedBy").asString()).isEqualTo("admin");
        assertThat(last.path("reason").asString()).isEqualTo("closed by request");
      }

      post(
              "/api/v1/leases",
              "{\"devices\": [\"" + device + "\"], \"holder\": \"ci\", \"ttlSeconds\": 60}")
          .expectStatus()
          .isCreated();
      JsonNode lease = await(events, e -> e.path("type").asString().equals("lease"), "lease");
      assertThat(lease.path("change").asString()).isEqualTo("granted");
      assertThat(lease.path("holder").asString()).isEqualTo("ci");
      assertThat(lease.path("devices").toString()).isEqualTo("[\"" + device + "\"]");
      assertThat(scopedEvents)
          .as("a token scoped to other testbeds hears nothing of this device")
          .extracting(e -> e.path("type").asString())
          .containsOnly("ready");
    } finally {
      admin.dispose();
      scoped.dispose();
    }

    String cast = recordingOf(device, "live");
    assertThat(cast).contains("\"m\",\"write: alice\"", "\"i\",\"show clock\\r\"");
    assertThat(cast.indexOf("\"m\",\"write: alice\""))
        .as("the marker precedes what alice typed")
        .isLessThan(cast.indexOf("\"i\",\"show clock\\r\""));
  }

  private String scopedViewer() {
    return JSON.readTree(
            post(
                    "/api/v1/tokens",
                    "{\"name\": \"scoped-"
                        + System.nanoTime()
                        + "\", \"role\": \"VIEWER\", \"testbeds\": [\"elsewhere\"]}")
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .path("token")
        .asString();
  }

  private JsonNode get(String uri, String token) {
    return JSON.readTree(
        client
            .get()
            .uri(uri)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  private Disposable follow(String token, List<JsonNode> into) {
    return WebClient.create("http://127.0.0.1:" + port)
        .get()
        .uri("/api/v1/events")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .retrieve()
        .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
        .filter(event -> event.data() != null)
        .subscribe(event -> into.add(JSON.readTree(event.data())));
  }

  private static JsonNode await(List<JsonNode> events, Predicate<JsonNode> matching, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode event : events) {
        if (matching.test(event)) {
          return event;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no event: " + what + " in " + events);
  }

  private String recordingOf(String device, String alias) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode page = get("/api/v1/recordings?device=" + device, TestApiToken.ADMIN);
      for (JsonNode item : page.path("items")) {
        if (item.path("alias").asString().equals(alias) && !item.path("endedAt").isNull()) {
          return client
              .get()
              .uri(item.path("href").asString())
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(String.class)
              .returnResult()
              .getResponseBody();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the recording of " + device + "/" + alias + " did not end");
  }
}
