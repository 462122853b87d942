package dev.patchbay.security;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.common.Blocking;
import java.util.Collection;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps a testbed-scoped token inside its testbeds where the devices are named in a request body
 * ({@link TestbedScope#CHECKED_BY_HANDLER}). Unscoped tokens always pass.
 */
@Component
public class ScopeCheck {

  private final DeviceTestbeds deviceTestbeds;
  private final Blocking blocking;

  ScopeCheck(DeviceTestbeds deviceTestbeds, Blocking blocking) {
    this.deviceTestbeds = deviceTestbeds;
    this.blocking = blocking;
  }

  /** Completes when {@code caller} may reach the testbed and every device; else 403. */
  public Mono<Void> reaches(TokenPrincipal caller, String testbed, Collection<String> devices) {
    if (caller == null || !caller.scoped()) {
      return Mono.empty();
    }
    if (testbed != null && !caller.reaches(testbed)) {
      return Mono.error(refusal(caller, "testbed '" + testbed + "'"));
    }
    if (devices == null || devices.isEmpty()) {
      return Mono.empty();
    }
    return blocking.run(
        () -> {
          for (String device : devices) {
            Optional<String> of =
                device == null ? Optional.empty() : deviceTestbeds.testbedOf(device);
            if (of.isPresent() && !caller.reaches(of.get())) {
              throw refusal(caller, "device '" + device + "'");
            }
          }
        });
  }

  private static PatchbayException refusal(TokenPrincipal caller, String what) {
    return new PatchbayException(
        ProblemType.FORBIDDEN,
        "token '"
            + caller.name()
            + "' is limited to testbeds "
            + caller.testbeds()
            + " and cannot reach "
            + what);
  }
}
