package dev.patchbay.simulator.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves an {@link OutputSource} to a transport chunk by chunk, waiting for each write to be
 * accepted (flow control) and, when rate-limited, pacing chunks on the shared scheduler. Runs under
 * the owning session's lock; never blocks a thread.
 */
final class OutputPump {

  private static final int CHUNK = 32 * 1024;
  private static final long TICK_MILLIS = 50;

  private final Object lock;
  private final SessionTransport transport;
  private final ScheduledExecutorService scheduler;
  private final OutputSource source;
  private final long bytesPerSecond;
  private final Runnable onDone;

  OutputPump(
      Object lock,
      SessionTransport transport,
      ScheduledExecutorService scheduler,
      OutputSource source,
      long bytesPerSecond,
      Runnable onDone) {
    this.lock = lock;
    this.transport = transport;
    this.scheduler = scheduler;
    this.source = source;
    this.bytesPerSecond = bytesPerSecond;
    this.onDone = onDone;
  }

  void start() {
    step();
  }

  private void step() {
    synchronized (lock) {
      while (true) {
        byte[] chunk = source.next(chunkSize());
        if (chunk == null) {
          onDone.run();
          return;
        }
        CompletableFuture<Void> written = transport.write(chunk);
        if (bytesPerSecond > 0) {
          long started = System.nanoTime();
          written.thenRun(() -> scheduleNext(started));
          return;
        }
        if (!written.isDone()) {
          written.thenRun(this::step);
          return;
        }
        if (written.isCompletedExceptionally()) {
          return;
        }
      }
    }
  }

  private void scheduleNext(long startedNanos) {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    scheduler.schedule(this::step, Math.max(0, TICK_MILLIS - elapsed), TimeUnit.MILLISECONDS);
  }

  private int chunkSize() {
    if (bytesPerSecond <= 0) {
      return CHUNK;
    }
    return (int) Math.max(1, Math.min(CHUNK, bytesPerSecond * TICK_MILLIS / 1000));
  }
}
