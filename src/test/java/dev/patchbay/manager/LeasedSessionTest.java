package dev.patchbay.manager;

import static dev.patchbay.audit.AuditQueries.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.audit.AuditLog;
import dev.patchbay.web.LeaseCredentials;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Sessions on a leased device: opening, executing and closing need the lease (423 without it), and
 * the sessions are closed when the lease expires, which the audit trail says.
 */
class LeasedSessionTest extends SessionApiTestSupport {

  @Autowired AuditLog auditLog;

  @Test
  void sessionCallsNeedTheLeaseAndEndWithItsExpiry() throws InterruptedException {
    String device = registerDevice("leased");
    JsonNode lease =
        body(
            post(
                "/api/v1/leases",
                """
                {"devices": ["%s"], "holder": "ci-job-7", "ttlSeconds": 3}
                """
                    .formatted(device)),
            201);
    String header = lease.path("id").asLong() + ":" + lease.path("token").asString();

    problem(post(sessions(device), "{\"alias\": \"job\"}"), 423, "locked");
    body(withLease(sessions(device), "{\"alias\": \"job\"}", header), 201);
    problem(
        post(sessions(device) + "/job/execute", "{\"command\": \"show clock\"}"), 423, "locked");
    JsonNode result =
        body(
            withLease(sessions(device) + "/job/execute", "{\"command\": \"show version\"}", header),
            200);
    assertThat(result.path("output").asString()).contains("Cisco IOS XE Software");
    problem(delete(sessions(device) + "/job"), 423, "locked");

    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    int status = 200;
    while (status != 404 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = get(sessions(device) + "/job").returnResult(String.class).getStatus().value();
    }
    assertThat(status).as("session closed once the lease expired").isEqualTo(404);
    assertThat(events(client, auditLog, "device=" + device + "&action=session.close"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.path("actor").asString()).isEqualTo("system");
              assertThat(event.path("detail").asString())
                  .isEqualTo("session 'job' via cli (ssh): the device's lease expired");
            });
  }

  private WebTestClient.ResponseSpec withLease(String uri, String json, String lease) {
    return client
        .post()
        .uri(uri)
        .header(LeaseCredentials.LEASE_HEADER, lease)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }
}
