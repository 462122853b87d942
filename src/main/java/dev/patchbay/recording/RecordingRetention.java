package dev.patchbay.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the retention sweep every {@code patchbay.recordings.sweep-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RecordingRetention {

  private static final Logger log = LoggerFactory.getLogger(RecordingRetention.class);

  private final Recordings recordings;

  RecordingRetention(Recordings recordings) {
    this.recordings = recordings;
  }

  @Scheduled(
      initialDelayString = "${patchbay.recordings.sweep-interval:1h}",
      fixedDelayString = "${patchbay.recordings.sweep-interval:1h}")
  void sweep() {
    int deleted = recordings.sweep();
    if (deleted > 0) {
      log.info("retention sweep deleted {} recording(s)", deleted);
    }
  }
}
