package dev.patchbay.lease;

import org.junit.jupiter.api.Test;

/** The concurrency proof of leases on H2 (see {@link LeaseApiTestSupport#hammerScenario}). */
class LeaseConcurrencyTest extends LeaseApiTestSupport {

  @Test
  void noDeviceIsEverHeldTwiceAndEveryClientIsServed() throws Exception {
    hammerScenario();
  }

  @Test
  void databaseLocksAloneKeepConcurrentGrantsApart() throws Exception {
    ledgerRaceScenario();
  }
}
