package dev.patchbay.lease;

/** Why a lease ended. */
public enum LeaseEndReason {
  /** The holder released it. */
  RELEASED,
  /** It was not renewed before it expired. */
  EXPIRED,
  /** An administrator ended it without its token ({@code DELETE ?force=true}). */
  FORCED
}
