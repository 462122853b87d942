package dev.patchbay.job;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends, at start-up, the jobs a previous run left unfinished (failed, reason {@code
 * instance-restart}; their devices not run are cancelled), and deletes ended jobs older than {@code
 * patchbay.jobs.retention}. With several instances on one database (a later issue) the start-up
 * sweep must become per instance.
 */
@Component
class JobHousekeeping {

  static final String RESTART =
      "instance-restart: the service stopped before the job ended; its devices not run were not"
          + " started";

  private static final Logger log = LoggerFactory.getLogger(JobHousekeeping.class);

  private final JobStore store;
  private final JobProperties properties;

  JobHousekeeping(JobStore store, JobProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void endUnfinished() {
    List<String> ended = store.failUnfinished(RESTART, Instant.now());
    if (!ended.isEmpty()) {
      log.warn("{} job(s) of a previous run did not finish and were marked failed", ended.size());
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
