package dev.patchbay.job;

/** Where one device of a job is. */
public enum JobDeviceState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Not run (or stopped between commands): the job was cancelled or stopped on an error. */
  CANCELLED;

  public boolean ended() {
    return this != QUEUED && this != RUNNING;
  }
}
