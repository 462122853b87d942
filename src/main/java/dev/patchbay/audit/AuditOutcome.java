package dev.patchbay.audit;

/** How an audited action ended. */
public enum AuditOutcome {
  /** The action took effect. */
  SUCCESS,
  /** The action was refused (busy, wrong token, timed out). */
  REFUSED
}
