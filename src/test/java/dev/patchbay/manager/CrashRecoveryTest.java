package dev.patchbay.manager;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CrashRecoveryTestSupport} on H2, the default file database. */
class CrashRecoveryTest extends CrashRecoveryTestSupport {

  @Test
  void nothingIsLostWhenTheServiceIsKilledOnH2() throws Exception {
    killAndRestart(List.of());
  }
}
