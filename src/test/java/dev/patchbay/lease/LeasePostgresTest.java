package dev.patchbay.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Leases on the real PostgreSQL given by {@code patchbay.test.pg.url}, in a fresh schema created by
 * Flyway and dropped afterwards: the concurrency proof and all-or-nothing with fencing. Fails,
 * never skips, when PostgreSQL is down.
 */
@DirtiesContext
class LeasePostgresTest extends LeaseApiTestSupport {

  private static final String SCHEMA =
      "pb_lease_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final String USER = "postgres";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> url() + separator() + "currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> "");
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.default-schema", () -> SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url(), USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  private static String url() {
    String url = System.getProperty("patchbay.test.pg.url");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("system property patchbay.test.pg.url is not set");
    }
    return url;
  }

  private static String separator() {
    return url().contains("?") ? "&" : "?";
  }

  @Test
  void noDeviceIsEverHeldTwiceAndEveryClientIsServed() throws Exception {
    hammerScenario();
  }

  @Test
  void databaseLocksAloneKeepConcurrentGrantsApart() throws Exception {
    ledgerRaceScenario();
  }

  @Test
  void grantsAllOrNoneWithGrowingFencingTokens() {
    String a = unique("a");
    String b = unique("b");
    devices(a, b);
    JsonNode holderOfB = granted("job-b", 60, 0, b);
    JsonNode refused = problem(acquire("job-ab", 60, 0, b, a), 409, "lease-conflict");
    assertThat(refused.path("holder").asString()).isEqualTo("job-b");
    JsonNode onlyA = granted("job-a", 60, 0, a);
    release(onlyA).expectStatus().isNoContent();
    release(holderOfB).expectStatus().isNoContent();
    JsonNode both = granted("job-ab", 60, 0, a, b);
    assertThat(both.path("fencingToken").asLong())
        .isGreaterThan(onlyA.path("fencingToken").asLong())
        .isGreaterThan(holderOfB.path("fencingToken").asLong());
    release(both).expectStatus().isNoContent();
  }
}
