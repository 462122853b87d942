package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.audit.AuditLog;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.io.ConnectionException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The audit events of sessions, recorded through the asynchronous {@link AuditLog} (never a
 * database round trip on the caller's thread): {@code session.open}, {@code session.close}, {@code
 * session.reconnect}, {@code command.execute} (one per command, batch included) and {@code
 * command.configure} (one per configuration line sent). The audit log masks the secrets of commands
 * (SecretMasker); a failure is named by its problem type, never by a message that could quote a
 * command.
 */
@Component
class SessionAudit {

  private final MeterRegistry meters;

  private final AuditLog log;

  SessionAudit(AuditLog log, MeterRegistry meters) {
    this.log = log;
    this.meters = meters;
  }

  void opened(String actor, ManagedSession session) {
    record(
        actor,
        "session.open",
        session.target().device(),
        AuditOutcome.SUCCESS,
        describe(session.alias(), session.target(), session.size()));
  }

  /** Opening was refused (limits, alias or line busy) or failed (device problem). */
  void openFailed(
      String actor, SessionTarget target, String alias, int poolSize, RuntimeException e) {
    record(
        actor,
        "session.open",
        target.device(),
        outcomeOf(e),
        describe(alias, target, poolSize) + ": " + problemOf(e) + ": " + e.getMessage());
  }

  void closed(String actor, ManagedSession session, CloseReason reason) {
    record(
        actor,
        "session.close",
        session.target().device(),
        AuditOutcome.SUCCESS,
        describe(session.alias(), session.target(), session.size()) + ": " + reason.text());
  }

  void reconnected(SessionTarget target, String alias, int attempt, RuntimeException failure) {
    meters
        .counter(
            "patchbay.session.reconnects",
            "protocol",
            target.protocol(),
            "outcome",
            failure == null ? "reconnected" : "failed")
        .increment();
    record(
        null,
        "session.reconnect",
        target.device(),
        failure == null ? AuditOutcome.SUCCESS : outcomeOf(failure),
        describe(alias, target, 1)
            + ": attempt "
            + attempt
            + (failure == null ? "" : ": " + problemOf(failure) + ": " + failure.getMessage()));
  }

  /** A command was run on the session; {@code failure} null when it succeeded. */
  void executed(
      String actor, String device, String alias, String command, RuntimeException failure) {
    record(
        actor,
        "command.execute",
        device,
        failure == null ? AuditOutcome.SUCCESS : outcomeOf(failure),
        "session '" + alias + "': " + command + failureSuffix(failure));
  }

  /**
   * The lines of a configuration: those sent before a failure succeeded, the rejected one (when the
   * device names it) failed, the rest were not sent and are not recorded. A failure that names no
   * line (timeout, drop) is recorded on every line, which may or may not have been applied. Returns
   * once the events are committed: a configuration changes the device, so its trail must survive a
   * crash that follows the answer (other events are written within the writer's linger, 50 ms).
   */
  void configured(
      String actor, String device, String alias, List<String> lines, RuntimeException failure) {
    int failedLine =
        failure instanceof PatchbayException e && e.properties().get("line") instanceof Integer n
            ? n
            : 0;
    int last = failedLine > 0 ? failedLine : lines.size();
    for (int i = 1; i <= last; i++) {
      boolean failed = failure != null && (failedLine == 0 || i == failedLine);
      record(
          actor,
          "command.configure",
          device,
          failed ? outcomeOf(failure) : AuditOutcome.SUCCESS,
          "session '"
              + alias
              + "' line "
              + i
              + "/"
              + lines.size()
              + ": "
              + lines.get(i - 1)
              + (failed ? failureSuffix(failure) : ""));
    }
    log.awaitCommitted();
  }

  private void record(
      String actor, String action, String device, AuditOutcome outcome, String detail) {
    log.record(actor, action, List.of(device), outcome, detail);
  }

  private static String describe(String alias, SessionTarget target, int poolSize) {
    return "session '"
        + alias
        + "' via "
        + target.via()
        + " ("
        + target.protocol()
        + (poolSize > 1 ? ", pool of " + poolSize : "")
        + ")";
  }

  private static String failureSuffix(RuntimeException failure) {
    return failure == null ? "" : " -> " + problemOf(failure);
  }

  /** Device failures failed; the manager's refusals (limits, busy, shutting down) refused. */
  private static AuditOutcome outcomeOf(RuntimeException e) {
    return e instanceof PatchbayException && !(e instanceof ConnectionException)
        ? AuditOutcome.REFUSED
        : AuditOutcome.FAILURE;
  }

  private static String problemOf(RuntimeException e) {
    return e instanceof PatchbayException problem ? problem.type().slug() : "internal";
  }
}
