package dev.patchbay.security.access;

import java.util.Optional;

/** Where a device belongs, for testbed-scoped tokens. Implemented by the inventory. Blocking. */
public interface DeviceTestbeds {

  /**
   * The device's testbed: empty when the device does not exist, {@code Optional.of("")} when it
   * exists in no testbed.
   */
  Optional<String> testbedOf(String device);
}
