package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.PostgresTestSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * V7 moves host keys pinned per endpoint ({@code host:port}) to every ssh connection definition
 * pointing at that endpoint, on H2 and on PostgreSQL.
 */
class HostKeyMigrationTest {

  @Test
  void pinsFollowTheirEndpointToEverySshDefinitionOnH2() throws SQLException {
    String url = "jdbc:h2:mem:hostkeys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    migrate(url, "sa", null);
  }

  @Test
  void pinsFollowTheirEndpointToEverySshDefinitionOnPostgres() throws SQLException {
    PostgresTestSchema schema = new PostgresTestSchema("hostkeys");
    try {
      migrate(schema.schemaUrl(), PostgresTestSchema.USER, schema.name());
    } finally {
      schema.drop();
    }
  }

  private static void migrate(String url, String user, String schema) throws SQLException {
    flyway(url, user, schema).target("6").load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, "");
        Statement sql = db.createStatement()) {
      sql.execute(
          "INSERT INTO device (id, name, created_at, updated_at) VALUES"
              + " (1, 'r1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),"
              + " (2, 'r2', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      sql.execute(
          "INSERT INTO connection_definition (id, device_id, name, protocol, host, port) VALUES"
              + " (10, 1, 'cli', 'ssh', '10.0.0.1', 22),"
              + " (11, 1, 'default', 'SSH', '10.0.0.1', NULL),"
              + " (12, 1, 'vty', 'telnet', '10.0.0.1', 22),"
              + " (13, 2, 'cli', 'ssh', '10.0.0.2', 2222)");
      sql.execute(
          "INSERT INTO known_host_key (endpoint, key_type, fingerprint, first_seen) VALUES"
              + " ('10.0.0.1:22', 'ssh-ed25519', 'SHA256:one', CURRENT_TIMESTAMP),"
              + " ('10.0.0.9:22', 'ssh-ed25519', 'SHA256:orphan', CURRENT_TIMESTAMP)");
    }
    flyway(url, user, schema).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, "");
        Statement sql = db.createStatement();
        ResultSet pins =
            sql.executeQuery(
                "SELECT connection_id, endpoint, fingerprint FROM connection_host_key"
                    + " ORDER BY connection_id")) {
      List<String> rows = new ArrayList<>();
      while (pins.next()) {
        rows.add(pins.getLong(1) + " " + pins.getString(2) + " " + pins.getString(3));
      }
      assertThat(rows).containsExactly("10 10.0.0.1:22 SHA256:one", "11 10.0.0.1:22 SHA256:one");
    }
  }

  private static FluentConfiguration flyway(String url, String user, String schema) {
    FluentConfiguration configuration = Flyway.configure().dataSource(url, user, "");
    return schema == null ? configuration : configuration.schemas(schema).defaultSchema(schema);
  }
}
