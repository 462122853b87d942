package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import org.junit.jupiter.api.Test;

/** Per-device limits answer 429, the instance limit 503, and released connections free room. */
class ConnectionLimitsTest {

  @Test
  void refusesPastTheDeviceLimitThenThePerInstanceLimit() {
    ConnectionLimits limits = new ConnectionLimits(3, 5);
    limits.reserve("r1", 3);
    assertThatThrownBy(() -> limits.reserve("r1", 1))
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.TOO_MANY_CONNECTIONS));
    limits.reserve("r2", 2);
    assertThatThrownBy(() -> limits.reserve("r3", 1))
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.CAPACITY_EXHAUSTED));
    limits.release("r1", 2);
    limits.reserve("r3", 2);
    assertThatThrownBy(() -> limits.reserve("r2", 1)).isInstanceOf(PatchbayException.class);
  }
}
