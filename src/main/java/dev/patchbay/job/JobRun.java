package dev.patchbay.job;

import dev.patchbay.web.LeaseCredentials;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One job while this instance runs it: what to do, on whose behalf, with which lease, and whether
 * it was cancelled or stopped on an error.
 */
final class JobRun {

  final String id;
  final JobRequest request;
  final JobKind kind;
  final List<String> devices;
  final String actor;
  final LeaseCredentials lease;
  final int concurrency;
  final Duration deviceTimeout;
  final boolean stopOnError;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();

  JobRun(
      String id,
      JobRequest request,
      List<String> devices,
      String actor,
      LeaseCredentials lease,
      int concurrency) {
    this.id = id;
    this.request = request;
    this.kind = request.kind();
    this.devices = List.copyOf(devices);
    this.actor = actor;
    this.lease = lease;
    this.concurrency = concurrency;
    this.deviceTimeout =
        request.deviceTimeoutSeconds() == null
            ? null
            : Duration.ofSeconds(request.deviceTimeoutSeconds());
    this.stopOnError = Boolean.TRUE.equals(request.stopOnError());
  }

  /** Marks the job cancelled; true the first time. */
  boolean cancel() {
    return cancelled.compareAndSet(false, true);
  }

  boolean cancelled() {
    return cancelled.get();
  }

  /** A device failed under {@code stopOnError}: start no other device. */
  void stop() {
    stopped.set(true);
  }

  /** Why devices not yet started are not started, or null to go on. */
  String haltReason() {
    if (cancelled.get()) {
      return "the job was cancelled";
    }
    return stopped.get() ? "stopOnError: another device failed" : null;
  }
}
