package dev.patchbay.job;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collection;

/** How many devices of a job are in each state. */
@Schema(description = "Devices per state")
public record JobCounts(
    int total, int queued, int running, int succeeded, int failed, int cancelled) {

  static JobCounts of(Collection<JobDeviceState> states) {
    int[] n = new int[JobDeviceState.values().length];
    states.forEach(s -> n[s.ordinal()]++);
    return of(n);
  }

  /** From the number of devices in each state, indexed by {@link JobDeviceState#ordinal()}. */
  static JobCounts of(int[] n) {
    return new JobCounts(
        java.util.Arrays.stream(n).sum(),
        n[JobDeviceState.QUEUED.ordinal()],
        n[JobDeviceState.RUNNING.ordinal()],
        n[JobDeviceState.SUCCEEDED.ordinal()],
        n[JobDeviceState.FAILED.ordinal()],
        n[JobDeviceState.CANCELLED.ordinal()]);
  }
}
