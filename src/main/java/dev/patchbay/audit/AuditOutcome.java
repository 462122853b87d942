package dev.patchbay.audit;

/** How an audited action ended. */
public enum AuditOutcome {
  /** The action took effect. */
  SUCCESS,
  /** The action was refused before it was tried (busy, wrong token, limits, policy). */
  REFUSED,
  /** The action was tried and failed (device unreachable, timed out, rejected the command). */
  FAILURE
}
