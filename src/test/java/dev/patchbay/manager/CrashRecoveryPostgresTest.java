package dev.patchbay.manager;

import dev.patchbay.testsupport.PostgresTestSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CrashRecoveryTestSupport} on the real PostgreSQL, in a throwaway schema. Fails, never
 * skips, when PostgreSQL is down.
 */
class CrashRecoveryPostgresTest extends CrashRecoveryTestSupport {

  @Test
  void nothingIsLostWhenTheServiceIsKilledOnPostgres() throws Exception {
    PostgresTestSchema schema = new PostgresTestSchema("crash");
    try {
      List<String> database = new ArrayList<>();
      schema.properties().forEach((key, value) -> database.add("--" + key + "=" + value));
      killAndRestart(database);
    } finally {
      schema.drop();
    }
  }
}
