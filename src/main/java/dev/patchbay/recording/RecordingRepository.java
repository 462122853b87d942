package dev.patchbay.recording;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface RecordingRepository
    extends JpaRepository<Recording, Long>, JpaSpecificationExecutor<Recording> {

  List<Recording> findByStartedAtBefore(Instant cutoff);

  List<Recording> findByInstanceIdAndEndedAtIsNull(String instanceId);

  List<Recording> findByInstanceIdIsNullAndEndedAtIsNull();

  boolean existsByDeviceAndAliasAndInstanceId(String device, String alias, String instanceId);

  /** Ends recording {@code id} in one statement (a session close should not load the row first). */
  @Modifying
  @Transactional
  @Query("update Recording r set r.endedAt = :endedAt, r.bytes = :bytes where r.id = :id")
  int finish(@Param("id") long id, @Param("endedAt") Instant endedAt, @Param("bytes") long bytes);
}
