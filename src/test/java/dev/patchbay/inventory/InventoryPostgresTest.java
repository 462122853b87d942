package dev.patchbay.inventory;

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

/**
 * The CRUD scenario against the real PostgreSQL given by {@code patchbay.test.pg.url}, in a fresh
 * schema created by Flyway and dropped afterwards, plus the concurrent-write race. Fails, never
 * skips, when PostgreSQL is down.
 */
@DirtiesContext
class InventoryPostgresTest extends InventoryApiTestSupport {

  private static final String SCHEMA =
      "pb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
  void crudOverHttp() {
    crudScenario();
  }

  @Test
  void concurrentWritesOfOneVersionLetExactlyOneWin() throws Exception {
    raceScenario();
  }
}
