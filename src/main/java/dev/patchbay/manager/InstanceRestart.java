package dev.patchbay.manager;

import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.recording.Recording;
import dev.patchbay.recording.Recordings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Closes, at start-up, what a previous run left open because it ended without a clean stop (killed,
 * out of memory, power cut): its recordings are finished from their files and each of its sessions
 * gets the {@code session.close} audit event it never had, with reason {@code instance-restart}. A
 * session is known by its recordings (every session is recorded, a pool once per member). Runs
 * before the web server starts, so no session of this run exists yet. The previous run is every
 * unfinished recording while one instance uses the database; several instances will have to stamp
 * their recordings with their instance id and close only their own (ADR 17).
 */
@Component
class InstanceRestart implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(InstanceRestart.class);

  private final Recordings recordings;
  private final AuditService audit;

  InstanceRestart(Recordings recordings, AuditService audit) {
    this.recordings = recordings;
    this.audit = audit;
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<Recording> finished = recordings.finishUnfinished();
    Set<List<String>> sessions = new LinkedHashSet<>();
    finished.forEach(r -> sessions.add(List.of(r.getDevice(), r.getAlias())));
    for (List<String> session : sessions) {
      audit.record(
          null,
          "session.close",
          List.of(session.get(0)),
          AuditOutcome.SUCCESS,
          "session '" + session.get(1) + "': " + CloseReason.INSTANCE_RESTART.text());
    }
    if (!sessions.isEmpty()) {
      log.warn(
          "the previous run ended without a clean stop: closed {} session(s) and finished {}"
              + " recording(s) it left open",
          sessions.size(),
          finished.size());
    }
  }
}
