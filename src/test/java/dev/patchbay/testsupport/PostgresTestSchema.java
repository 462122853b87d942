package dev.patchbay.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throwaway schema on the real PostgreSQL given by the system property {@code
 * patchbay.test.pg.url}: Flyway migrates it from scratch for one test class, which drops it
 * afterwards. Tests using it fail, never skip, when PostgreSQL is down.
 *
 * <pre>{@code
 * static final PostgresTestSchema SCHEMA = new PostgresTestSchema("lease");
 * @DynamicPropertySource static void db(DynamicPropertyRegistry r) { SCHEMA.register(r); }
 * @AfterAll static void drop() throws SQLException { SCHEMA.drop(); }
 * }</pre>
 */
public final class PostgresTestSchema {

  public static final String USER = "postgres";

  private final String name;

  public PostgresTestSchema(String purpose) {
    this.name =
        "pb_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Points the datasource and Flyway at this schema. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::schemaUrl);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> "");
    registry.add("spring.flyway.schemas", () -> name);
    registry.add("spring.flyway.default-schema", () -> name);
  }

  /** The JDBC URL whose connections use this schema (user {@value #USER}, no password). */
  public String schemaUrl() {
    return url() + separator() + "currentSchema=" + name;
  }

  /** The schema's name. */
  public String name() {
    return name;
  }

  /** Drops the schema and everything in it. */
  public void drop() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url(), USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
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
}
