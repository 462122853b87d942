package dev.patchbay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: audit events through {@code GET /api/v1/audit}, after flushing the writer. */
public final class AuditQueries {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AuditQueries() {}

  /** The events matching {@code query} (URL query string, without paging), newest first. */
  public static List<JsonNode> events(WebTestClient client, AuditLog log, String query) {
    assertThat(log.flush(Duration.ofSeconds(10))).as("audit log flushed").isTrue();
    String body =
        client
            .get()
            .uri("/api/v1/audit?size=500&" + query)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    List<JsonNode> items = new ArrayList<>();
    JSON.readTree(body).path("items").forEach(items::add);
    return items;
  }

  /** The events matching {@code query} once {@code until} holds for them (up to 15 s). */
  public static List<JsonNode> await(
      WebTestClient client, AuditLog log, String query, Predicate<List<JsonNode>> until)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    List<JsonNode> events = events(client, log, query);
    while (!until.test(events) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      events = events(client, log, query);
    }
    assertThat(until).as("audit events of %s: %s", query, events).accepts(events);
    return events;
  }

  /** The events' actions, oldest first. */
  public static List<String> actionsOldestFirst(List<JsonNode> events) {
    return events.reversed().stream().map(e -> e.path("action").asString()).toList();
  }
}
