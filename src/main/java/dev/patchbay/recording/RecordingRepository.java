package dev.patchbay.recording;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface RecordingRepository
    extends JpaRepository<Recording, Long>, JpaSpecificationExecutor<Recording> {

  List<Recording> findByStartedAtBefore(Instant cutoff);

  List<Recording> findByInstanceIdAndEndedAtIsNull(String instanceId);

  List<Recording> findByInstanceIdIsNullAndEndedAtIsNull();

  boolean existsByDeviceAndAliasAndInstanceId(String device, String alias, String instanceId);
}
