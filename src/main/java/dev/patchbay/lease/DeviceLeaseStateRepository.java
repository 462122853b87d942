package dev.patchbay.lease;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Lease state per device id. */
interface DeviceLeaseStateRepository extends JpaRepository<DeviceLeaseState, Long> {

  /**
   * The state of the device called {@code name}, in one query that loads no device (the lease check
   * of every session call needs only this).
   */
  @Query(
      "select s from DeviceLeaseState s"
          + " where s.deviceId = (select d.id from Device d where d.name = :name)")
  Optional<DeviceLeaseState> findByDeviceName(@Param("name") String name);
}
