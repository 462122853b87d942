package dev.patchbay.lease;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A validated lease request: the devices resolved to ids and sorted by id (the global lock order).
 */
record LeaseClaim(
    List<ClaimedDevice> devices, String holder, long ttlSeconds, Duration patience, String reason) {

  /** A device by id and name. */
  record ClaimedDevice(long id, String name) {}

  List<String> names() {
    return devices.stream().map(ClaimedDevice::name).toList();
  }

  boolean overlaps(Set<String> names) {
    return devices.stream().anyMatch(d -> names.contains(d.name()));
  }
}
