package dev.patchbay.recording;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the idle checks of every live recording on one shared thread, so that a recording file is
 * closed between bursts of output without a thread or timer per session.
 */
final class IdleCloser implements AutoCloseable {

  private final long idleNanos;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("recording-idle-closer").daemon().factory());

  /** Closes a file once {@code idle} has passed without a write. */
  IdleCloser(Duration idle) {
    this.idleNanos = idle.toNanos();
  }

  long idleNanos() {
    return idleNanos;
  }

  /** Runs {@code check} after {@code delayNanos}; false once stopped (then close at once). */
  boolean schedule(Runnable check, long delayNanos) {
    try {
      scheduler.schedule(check, delayNanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Takes no more checks; those already waiting still run and close their files. */
  @Override
  public void close() {
    scheduler.shutdown();
  }
}
