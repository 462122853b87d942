package dev.patchbay.lease;

/** Why a lease ended. */
public enum LeaseEndReason {
  /** The holder released it. */
  RELEASED,
  /** It was not renewed before it expired. */
  EXPIRED
}
