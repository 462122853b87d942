package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.cluster.InstanceIdentity;
import dev.patchbay.testsupport.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.http.MediaType;

/**
 * The subsystem metrics on {@code /actuator/prometheus} (leases, sessions by state and protocol,
 * authentication failures by reason, jobs) move with what happens, and readiness includes the
 * database.
 */
class MetricsTest extends SecurityTestSupport {

  @Autowired HealthEndpointGroups health;
  @Autowired InstanceIdentity instance;

  @Test
  void leasesAndAuthFailuresAreCountedAndSessionsAndJobsAreExposed() {
    String before = scrape();
    as("Bearer pb_never-issued-metrics-00000000000000000")
        .get()
        .uri("/api/v1/devices")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    as(null).get().uri("/api/v1/devices").exchange().expectStatus().isUnauthorized();

    String device = "metrics-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    client
        .post()
        .uri("/api/v1/devices")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\": \"" + device + "\"}")
        .exchange()
        .expectStatus()
        .isCreated();
    var lease =
        json(
            client
                .post()
                .uri("/api/v1/leases")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    "{\"devices\": [\"" + device + "\"], \"holder\": \"m\", \"ttlSeconds\": 60}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    String during = scrape();
    client
        .delete()
        .uri("/api/v1/leases/" + lease.path("id").asLong())
        .header("Patchbay-Lease", lease.path("id").asLong() + ":" + lease.path("token").asString())
        .exchange()
        .expectStatus()
        .isNoContent();
    String after = scrape();

    assertThat(value(after, "patchbay_auth_failures_total{reason=\"unknown\"}"))
        .isGreaterThan(value(before, "patchbay_auth_failures_total{reason=\"unknown\"}"));
    assertThat(value(after, "patchbay_auth_failures_total{reason=\"missing\"}"))
        .isGreaterThan(value(before, "patchbay_auth_failures_total{reason=\"missing\"}"));
    assertThat(value(during, "patchbay_leases_granted_total"))
        .isGreaterThan(value(before, "patchbay_leases_granted_total"));
    assertThat(value(during, "patchbay_leases_active")).isGreaterThanOrEqualTo(1);
    assertThat(value(after, "patchbay_leases_ended_total{reason=\"released\"}"))
        .isGreaterThan(value(during, "patchbay_leases_ended_total{reason=\"released\"}"));
    assertThat(value(after, "patchbay_leases_wait_seconds_count")).isPositive();
    assertThat(after)
        .contains("patchbay_sessions{protocol=\"ssh\",state=\"connected\"}")
        .contains("patchbay_leases_waiting")
        .contains("patchbay_jobs_running")
        .contains("patchbay_terminal_viewers")
        .contains("patchbay_terminal_bytes");
  }

  @Test
  void readinessIncludesTheDatabase() {
    assertThat(health.get("readiness").isMember("db")).isTrue();
    as(null).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
  }

  /** The scrape without the instance label every series carries. */
  private String scrape() {
    return PrometheusScrape.read(client, instance);
  }

  /** The value of the sample line that starts with {@code series} (0 when absent). */
  private static double value(String scrape, String series) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }
}
