package dev.patchbay.job;

import dev.patchbay.cluster.InstanceLoss;
import dev.patchbay.cluster.LostInstance;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the jobs an instance left unfinished when it ended without a clean stop (failed; their
 * devices not run are cancelled), with reason {@code instance-restart} for this instance's previous
 * run and {@code instance-lost} for another instance declared dead; only that instance's jobs,
 * never those other live instances run. Deletes ended jobs older than {@code
 * patchbay.jobs.retention}.
 */
@Component
class JobHousekeeping implements InstanceLoss {

  static final String RESTART =
      "instance-restart: the service stopped before the job ended; its devices not run were not"
          + " started";

  static final String LOST =
      "instance-lost: the instance running the job stopped answering; its devices not run were not"
          + " started";

  private static final Logger log = LoggerFactory.getLogger(JobHousekeeping.class);

  private final JobStore store;
  private final JobProperties properties;

  JobHousekeeping(JobStore store, JobProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  @Override
  public void instanceLost(LostInstance lost) {
    List<String> ended =
        lost.previousRun()
            ? store.failUnfinished(lost.id(), "instance-restart", RESTART, Instant.now())
            : store.failUnfinished(lost.id(), "instance-lost", LOST, Instant.now());
    if (!ended.isEmpty()) {
      log.warn(
          "{} job(s) of instance {} did not finish and were marked failed",
          ended.size(),
          lost.name());
    }
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
  void deleteOld() {
    int deleted = store.deleteEndedBefore(Instant.now().minus(properties.retention()));
    if (deleted > 0) {
      log.info("deleted {} job(s) older than {}", deleted, properties.retention());
    }
  }
}
