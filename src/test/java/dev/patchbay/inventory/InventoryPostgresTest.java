package dev.patchbay.inventory;

import dev.patchbay.testsupport.PostgresSchema;
import org.junit.jupiter.api.Test;

/**
 * The CRUD scenario against the real PostgreSQL given by {@code patchbay.test.pg.url}, in the
 * throwaway schema the API tests on PostgreSQL share (created by Flyway, dropped afterwards), plus
 * the concurrent-write race. Fails, never skips, when PostgreSQL is down.
 */
@PostgresSchema("api")
class InventoryPostgresTest extends InventoryApiTestSupport {

  @Test
  void crudOverHttp() {
    crudScenario();
  }

  @Test
  void concurrentWritesOfOneVersionLetExactlyOneWin() throws Exception {
    raceScenario();
  }
}
