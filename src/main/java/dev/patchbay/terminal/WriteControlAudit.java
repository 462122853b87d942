package dev.patchbay.terminal;

import dev.patchbay.audit.AuditLog;
import dev.patchbay.audit.AuditOutcome;
import java.util.List;

/**
 * The audit events of write control handoffs in one session's terminal, recorded without blocking
 * (some happen on Netty event loops): {@code terminal.write-request} (granted or refused), {@code
 * terminal.write-release} (released or left), {@code terminal.write-force} (an ADMIN took it from
 * another viewer), {@code terminal.write-preempt} (REST automation took control from a viewer) and
 * {@code terminal.write-return} (control back to that viewer).
 */
final class WriteControlAudit {

  private final AuditLog log;
  private final String device;
  private final String alias;

  WriteControlAudit(AuditLog log, String device, String alias) {
    this.log = log;
    this.device = device;
    this.alias = alias;
  }

  void granted(Viewer viewer) {
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
    record(
        viewer.name(),
        "terminal.write-release",
        AuditOutcome.SUCCESS,
        who(viewer) + (left ? " left holding write control" : " released write control"));
  }

  void forced(Viewer taker, Viewer holder) {
    record(
        taker.name(),
        "terminal.write-force",
        AuditOutcome.SUCCESS,
        who(taker) + " took write control from " + (holder == null ? "nobody" : who(holder)));
  }

  void preempted(String actor, Viewer holder) {
    record(
        actor,
        "terminal.write-preempt",
        AuditOutcome.SUCCESS,
        "REST automation took write control from " + who(holder));
  }

  void returned(Viewer holder) {
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
