package dev.patchbay.audit;

import dev.patchbay.testsupport.PostgresTestSchema;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AuditLogStorageTestSupport} on the real PostgreSQL in a fresh schema (dropped afterwards):
 * batch inserts return their generated keys there too. Fails, never skips, when PostgreSQL is down.
 */
@DirtiesContext
class AuditLogPostgresTest extends AuditLogStorageTestSupport {

  private static final PostgresTestSchema SCHEMA = new PostgresTestSchema("audit");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    SCHEMA.drop();
  }
}
