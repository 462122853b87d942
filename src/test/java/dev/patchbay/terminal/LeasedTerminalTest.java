package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.web.LeaseCredentials;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * On a leased device, anyone may watch, only the lease holder may type: {@code request-write} needs
 * the lease, and {@code open=true} is refused.
 */
class LeasedTerminalTest extends TerminalTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void writeControlNeedsTheLeaseAndOpeningFromTheBrowserIsRefused() {
    String device = registerDevice("ws-leased");
    JsonNode lease =
        JSON.readTree(
            post(
                    "/api/v1/leases",
                    "{\"devices\": [\"" + device + "\"], \"holder\": \"ci\", \"ttlSeconds\": 60}")
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    String header = lease.path("id").asLong() + ":" + lease.path("token").asString();
    client
        .post()
        .uri("/api/v1/devices/" + device + "/sessions")
        .header(LeaseCredentials.LEASE_HEADER, header)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"alias\": \"job\"}")
        .exchange()
        .expectStatus()
        .isCreated();

    try (TestViewer viewer = connectAs("carol", terminal(device, "job", ""))) {
      viewer.awaitStatus(s -> s.path("viewers").asInt() == 1, WAIT);
      viewer.control("{\"type\": \"request-write\"}");
      viewer.awaitMessage(m -> "locked".equals(m.path("code").asString()), WAIT, "locked");

      viewer.control("{\"type\": \"request-write\", \"lease\": \"" + header + "\"}");
      JsonNode granted = viewer.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      assertThat(granted.path("writerName").asString()).isEqualTo("carol");
    }

    try (TestViewer opener = connectAs("dave", terminal(device, "browser", "open=true"))) {
      opener.awaitMessage(m -> "locked".equals(m.path("code").asString()), WAIT, "open refused");
    }
  }
}
