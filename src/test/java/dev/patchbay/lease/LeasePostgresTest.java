package dev.patchbay.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.PostgresSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Leases on the real PostgreSQL given by {@code patchbay.test.pg.url}, in the throwaway schema the
 * API tests on PostgreSQL share (created by Flyway, dropped afterwards): the concurrency proof and
 * all-or-nothing with fencing. Fails, never skips, when PostgreSQL is down.
 */
@PostgresSchema("api")
class LeasePostgresTest extends LeaseApiTestSupport {

  @Test
  void noDeviceIsEverHeldTwiceAndEveryClientIsServed() throws Exception {
    hammerScenario();
  }

  @Test
  void databaseLocksAloneKeepConcurrentGrantsApart() throws Exception {
    ledgerRaceScenario();
  }

  @Test
  void aRetryWithItsIdempotencyKeyGetsTheFirstGrant() {
    idempotentRetryScenario();
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
