package dev.patchbay.lease;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The lease state of one device: the last fencing token handed out for it and the lease holding it
 * now. Changed only while the device row is locked.
 */
@Entity
@Table(name = "device_lease_state")
class DeviceLeaseState {

  @Id
  @Column(name = "device_id")
  private Long deviceId;

  @Column(name = "fencing_counter", nullable = false)
  private long fencingCounter;

  @Column(name = "lease_id")
  private Long leaseId;

  protected DeviceLeaseState() {}

  DeviceLeaseState(Long deviceId) {
    this.deviceId = deviceId;
  }

  void hold(long leaseId, long fencingToken) {
    this.leaseId = leaseId;
    this.fencingCounter = fencingToken;
  }

  void free() {
    this.leaseId = null;
  }

  Long getDeviceId() {
    return deviceId;
  }

  long getFencingCounter() {
    return fencingCounter;
  }

  Long getLeaseId() {
    return leaseId;
  }
}
