package dev.patchbay.inventory;

import dev.patchbay.testsupport.PostgresTestSchema;
import java.sql.SQLException;
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

  private static final PostgresTestSchema SCHEMA = new PostgresTestSchema("inventory");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    SCHEMA.drop();
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
