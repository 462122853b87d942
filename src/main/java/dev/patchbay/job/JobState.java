package dev.patchbay.job;

/** Where a job is: waiting, running, or how it ended. */
public enum JobState {
  QUEUED,
  RUNNING,
  /** Every device succeeded. */
  SUCCEEDED,
  /** Some devices succeeded, others failed or were not run. */
  PARTIAL,
  /** No device succeeded. */
  FAILED,
  /** Cancelled by a client before it ended. */
  CANCELLED;

  public boolean ended() {
    return this != QUEUED && this != RUNNING;
  }
}
