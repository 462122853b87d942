package dev.patchbay.inventory;

import org.junit.jupiter.api.Test;

/** Device, definition and testbed CRUD over HTTP against H2. */
class DeviceApiTest extends InventoryApiTestSupport {

  @Test
  void crudOverHttp() {
    crudScenario();
  }
}
