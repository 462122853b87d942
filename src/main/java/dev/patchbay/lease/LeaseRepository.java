package dev.patchbay.lease;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/** Leases; filtered listing through specifications. */
interface LeaseRepository extends JpaRepository<Lease, Long>, JpaSpecificationExecutor<Lease> {

  /** Leases not ended (one past its expiry counts until the sweep ends it). */
  @Query("select count(l) from Lease l where l.endedAt is null")
  long countNotEnded();
}
