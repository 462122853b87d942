package dev.patchbay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.ApiContextTest;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The asynchronous audit writer's batch inserts, read back through {@code GET /api/v1/audit}: every
 * field, devices in order, events without devices, and a batch larger than one statement.
 * Subclasses choose the database.
 */
@ApiContextTest
abstract class AuditLogStorageTestSupport {

  @Autowired WebTestClient client;
  @Autowired AuditLog log;

  @Test
  void storesEveryFieldAndTheDevicesInOrder() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    log.record("alice-" + tag, "test.none", List.of(), AuditOutcome.SUCCESS, "no device");
    log.record(
        "bob-" + tag,
        "test.two",
        List.of("zeta-" + tag, "alpha-" + tag),
        AuditOutcome.FAILURE,
        "two devices");
    log.record("carol-" + tag, "test.plain", List.of("one-" + tag), AuditOutcome.REFUSED, null);

    JsonNode none = single("actor=alice-" + tag);
    assertThat(none.path("action").asString()).isEqualTo("test.none");
    assertThat(none.path("outcome").asString()).isEqualTo("SUCCESS");
    assertThat(none.path("detail").asString()).isEqualTo("no device");
    assertThat(none.path("devices").size()).isZero();
    assertThat(none.path("occurredAt").asString()).isNotBlank();

    JsonNode two = single("actor=bob-" + tag);
    assertThat(two.path("devices").valueStream().map(JsonNode::asString))
        .containsExactly("zeta-" + tag, "alpha-" + tag);
    assertThat(two.path("outcome").asString()).isEqualTo("FAILURE");
    assertThat(single("device=alpha-" + tag).path("actor").asString()).isEqualTo("bob-" + tag);

    JsonNode plain = single("actor=carol-" + tag);
    assertThat(plain.path("detail").isNull() || plain.path("detail").isMissingNode()).isTrue();
    assertThat(plain.path("devices").get(0).asString()).isEqualTo("one-" + tag);
  }

  @Test
  void writesMoreEventsThanOneBatchHolds() {
    String actor = "batch-" + UUID.randomUUID().toString().substring(0, 8);
    IntStream.range(0, 30)
        .forEach(
            i ->
                log.record(
                    actor,
                    "test.batch",
                    List.of("device-" + i, "other-" + i),
                    AuditOutcome.SUCCESS,
                    "event " + i));

    List<JsonNode> events = AuditQueries.events(client, log, "actor=" + actor);
    assertThat(events).hasSize(30);
    for (JsonNode event : events) {
      int i = Integer.parseInt(event.path("detail").asString().substring("event ".length()));
      assertThat(event.path("devices").valueStream().map(JsonNode::asString))
          .containsExactly("device-" + i, "other-" + i);
    }
  }

  private JsonNode single(String query) {
    List<JsonNode> events = AuditQueries.events(client, log, query);
    assertThat(events).as(query).hasSize(1);
    return events.get(0);
  }
}
