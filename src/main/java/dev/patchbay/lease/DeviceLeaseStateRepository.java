package dev.patchbay.lease;

import org.springframework.data.jpa.repository.JpaRepository;

/** Lease state per device id. */
interface DeviceLeaseStateRepository extends JpaRepository<DeviceLeaseState, Long> {}
