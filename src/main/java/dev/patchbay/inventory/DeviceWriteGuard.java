package dev.patchbay.inventory;

import dev.patchbay.web.LeaseCredentials;

/**
 * Decides whether a caller may change a device, for example whether it holds the device's lease.
 * Every mutating device call asks it first; it throws a {@code PatchbayException} to refuse.
 */
public interface DeviceWriteGuard {

  /**
   * Refuses the write unless allowed.
   *
   * @param device the device name (an unknown device passes: the caller reports it)
   * @param lease the {@value LeaseCredentials#LEASE_HEADER} header or null
   * @param fencingToken the {@value LeaseCredentials#FENCING_HEADER} header or null
   */
  void checkWrite(String device, String lease, String fencingToken);

  /** Refuses the write unless the presented lease allows it. */
  default void checkWrite(String device, LeaseCredentials credentials) {
    checkWrite(device, credentials.lease(), credentials.fencingToken());
  }
}
