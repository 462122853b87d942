package dev.patchbay.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A throwaway schema on the real PostgreSQL given by the system property {@code
 * patchbay.test.pg.url}: Flyway migrates it from scratch for the tests using it, which drop it
 * afterwards. Tests using it fail, never skip, when PostgreSQL is down.
 *
 * <p>Spring test classes use it through {@link PostgresSchema @PostgresSchema}; plain tests (a
 * Flyway migration test, say) create one, use {@link #schemaUrl()} and {@link #drop()} it.
 */
public final class PostgresTestSchema {

  public static final String USER = "postgres";

  private final String name;

  public PostgresTestSchema(String purpose) {
    this.name =
        "pb_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** The Spring properties pointing the datasource and Flyway at this schema. */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", schemaUrl());
    properties.put("spring.datasource.username", USER);
    properties.put("spring.datasource.password", "");
    properties.put("spring.flyway.schemas", name);
    properties.put("spring.flyway.default-schema", name);
    return properties;
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
