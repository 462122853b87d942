package dev.patchbay.security.access;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.common.Blocking;
import dev.patchbay.security.token.TokenPrincipal;
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
            if (device != null && !reachesDevice(caller, device)) {
              throw refusal(caller, "device '" + device + "'");
            }
          }
        });
  }

  /**
   * Whether {@code caller} may reach {@code device}: a device of one of its testbeds, or an unknown
   * one (the caller then gets the usual 404). Blocking.
   */
  boolean reachesDevice(TokenPrincipal caller, String device) {
    Optional<String> testbed = deviceTestbeds.testbedOf(device);
    return testbed.isEmpty() || caller.reaches(testbed.get());
  }

  /** Why a scoped token is refused: its name, its testbeds and {@code why}. */
  static String limited(TokenPrincipal caller, String why) {
    return "token '"
        + caller.name()
        + "' is limited to testbeds "
        + caller.testbeds()
        + " and "
        + why;
  }

  private static PatchbayException refusal(TokenPrincipal caller, String what) {
    return new PatchbayException(ProblemType.FORBIDDEN, limited(caller, "cannot reach " + what));
  }
}
