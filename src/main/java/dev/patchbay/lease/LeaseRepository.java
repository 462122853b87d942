package dev.patchbay.lease;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/** Leases; filtered listing through specifications. */
interface LeaseRepository extends JpaRepository<Lease, Long>, JpaSpecificationExecutor<Lease> {

  /** Ids of leases not ended whose expiry has passed at {@code now}. */
  @Query("select l.id from Lease l where l.endedAt is null and l.expiresAt <= :now order by l.id")
  List<Long> findExpiredIds(Instant now);

  /** Leases not ended (one past its expiry counts until the sweep ends it). */
  @Query("select count(l) from Lease l where l.endedAt is null")
  long countNotEnded();
}
