package dev.patchbay.inventory;

import dev.patchbay.security.access.DeviceTestbeds;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers which testbed a device belongs to, for testbed-scoped API tokens. */
@Component
class InventoryDeviceTestbeds implements DeviceTestbeds {

  private final DeviceRepository devices;

  InventoryDeviceTestbeds(DeviceRepository devices) {
    this.devices = devices;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<String> testbedOf(String device) {
    List<String> testbed = devices.findTestbedNameByDeviceName(device);
    return testbed.isEmpty()
        ? Optional.empty()
        : Optional.of(Objects.requireNonNullElse(testbed.get(0), ""));
  }
}
