package dev.patchbay.manager;

import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.cluster.InstanceLoss;
import dev.patchbay.cluster.LostInstance;
import dev.patchbay.recording.Recording;
import dev.patchbay.recording.Recordings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Closes what an instance left open because it ended without a clean stop (killed, out of memory,
 * cut off from the database): its recordings are finished and each of its sessions gets the {@code
 * session.close} audit event it never had, with reason {@code instance-restart} (this instance's
 * previous run, found at start-up) or {@code instance-lost} (another instance declared dead). A
 * session is known by its recordings, which name the instance that recorded them (every session is
 * recorded, a pool once per member).
 */
@Component
class LostSessions implements InstanceLoss {

  private static final Logger log = LoggerFactory.getLogger(LostSessions.class);

  private final Recordings recordings;
  private final AuditService audit;

  LostSessions(Recordings recordings, AuditService audit) {
    this.recordings = recordings;
    this.audit = audit;
  }

  @Override
  public void instanceLost(LostInstance lost) {
    List<Recording> finished = recordings.finishLeftBy(lost.id(), lost.lastSeen());
    CloseReason reason =
        lost.previousRun() ? CloseReason.INSTANCE_RESTART : CloseReason.INSTANCE_LOST;
    Set<List<String>> sessions = new LinkedHashSet<>();
    finished.forEach(r -> sessions.add(List.of(r.getDevice(), r.getAlias())));
    for (List<String> session : sessions) {
      audit.record(
          null,
          "session.close",
          List.of(session.get(0)),
          AuditOutcome.SUCCESS,
          "session '" + session.get(1) + "': " + reason.text());
    }
    if (!sessions.isEmpty()) {
      log.warn(
          "instance {} ended without a clean stop: closed {} session(s) and finished {}"
              + " recording(s) it left open",
          lost.name(),
          sessions.size(),
          finished.size());
    }
  }
}
