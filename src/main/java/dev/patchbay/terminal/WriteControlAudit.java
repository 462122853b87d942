package dev.patchbay.terminal;

import dev.patchbay.audit.AuditLog;
import dev.patchbay.audit.AuditOutcome;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit events of write control handoffs in one session's terminal, recorded without blocking
 * (some happen on Netty event loops): {@code terminal.write-request} (granted or refused), {@code
 * terminal.write-release} (released or left), {@code terminal.write-force} (an ADMIN took it from
 * another viewer), {@code terminal.write-preempt} (REST automation took control from a viewer) and
 * {@code terminal.write-return} (control back to that viewer). Each handoff also goes to {@code
 * marker}, which puts it in the session's recording, so that a replay says who typed.
 */
final class WriteControlAudit {

  private final AuditLog log;
  private final String device;
  private final String alias;
  private final Consumer<String> marker;

  WriteControlAudit(AuditLog log, String device, String alias, Consumer<String> marker) {
    this.log = log;
    this.device = device;
    this.alias = alias;
    this.marker = marker;
  }

  void granted(Viewer viewer) {
    marker.accept("write: " + viewer.name());
    record(
        viewer.name(),
        "terminal.write-request",
        AuditOutcome.SUCCESS,
        who(viewer) + " took write control");
  }

  void refused(Viewer viewer, String holder) {
    record(
        viewer.name(),
        "terminal.write-request",
        AuditOutcome.REFUSED,
        who(viewer) + " was refused write control, held by " + holder);
  }

  void released(Viewer viewer, boolean left) {
    marker.accept("write released by " + viewer.name());
    record(
        viewer.name(),
        "terminal.write-release",
        AuditOutcome.SUCCESS,
        who(viewer) + (left ? " left holding write control" : " released write control"));
  }

  void forced(Viewer taker, Viewer holder) {
    marker.accept(
        "write forced: "
            + taker.name()
            + (holder == null ? "" : " (took it from " + holder.name() + ")"));
    record(
        taker.name(),
        "terminal.write-force",
        AuditOutcome.SUCCESS,
        who(taker) + " took write control from " + (holder == null ? "nobody" : who(holder)));
  }

  void preempted(String actor, Viewer holder) {
    marker.accept("write: REST automation (" + actor + ")");
    record(
        actor,
        "terminal.write-preempt",
        AuditOutcome.SUCCESS,
        "REST automation took write control from " + who(holder));
  }

  void returned(Viewer holder) {
    marker.accept("write: " + holder.name() + " (after REST automation)");
    record(
        null,
        "terminal.write-return",
        AuditOutcome.SUCCESS,
        "write control returned to " + who(holder) + " after REST automation");
  }

  private void record(String actor, String action, AuditOutcome outcome, String what) {
    log.record(actor, action, List.of(device), outcome, "session '" + alias + "': " + what);
  }

  private static String who(Viewer viewer) {
    return "viewer " + viewer.id() + " (" + viewer.name() + ")";
  }
}
