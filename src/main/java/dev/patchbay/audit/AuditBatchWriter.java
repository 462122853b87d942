package dev.patchbay.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue of audit events drained by one virtual thread that hands them to a sink in
 * batches (one transaction each). {@link #offer} never blocks, not even under contention (a
 * lock-free queue, so it is safe on Netty event loops): a full queue drops the event and counts it
 * ({@code patchbay.audit.dropped}); the writer thread logs the drops. A sink failure loses that
 * batch, counted in {@code patchbay.audit.write.failures} and logged.
 */
final class AuditBatchWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditBatchWriter.class);
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong droppedUnreported = new AtomicLong();
  private final int capacity;
  private final int batchSize;
  private final Consumer<List<AuditEvent>> sink;
  private final Counter dropped;
  private final Counter failures;
  private final long lingerNanos;
  private final Thread thread;
  private volatile boolean closing;
  private volatile boolean idle;

  /**
   * @param linger how long the writer waits for more events after the first of a batch, so that a
   *     steady trickle is written in a few transactions rather than one per event (a {@link #flush}
   *     or {@link #close} ends the wait)
   */
  AuditBatchWriter(
      int capacity,
      int batchSize,
      Duration linger,
      Consumer<List<AuditEvent>> sink,
      MeterRegistry meters) {
    if (capacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException("queue capacity and batch size must be at least 1");
    }
    this.capacity = capacity;
    this.batchSize = batchSize;
    this.lingerNanos = linger.toNanos();
    this.sink = sink;
    this.dropped =
        Counter.builder("patchbay.audit.dropped")
            .description("Audit events dropped because the write queue was full")
            .register(meters);
    this.failures =
        Counter.builder("patchbay.audit.write.failures")
            .description("Audit events lost because writing their batch failed")
            .register(meters);
    Gauge.builder("patchbay.audit.queued", queued, AtomicInteger::get)
        .description("Audit events waiting to be written")
        .register(meters);
    this.thread = Thread.ofVirtual().name("audit-writer").start(this::run);
  }

  /** Queues an event; false (and counted) when the queue is full or the writer has stopped. */
  boolean offer(AuditEvent event) {
    if (closing || queued.incrementAndGet() > capacity) {
      if (!closing) {
        queued.decrementAndGet();
      }
      dropped.increment();
      droppedUnreported.incrementAndGet();
      LockSupport.unpark(thread);
      return false;
    }
    queue.add(event);
    if (idle) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  /**
   * Waits until every event queued before this call has been handed to the sink (blocking; for
   * tests and shutdown). False when that took longer than {@code timeout}.
   */
  boolean flush(Duration timeout) {
    if (!thread.isAlive()) {
      return queue.isEmpty();
    }
    CountDownLatch barrier = new CountDownLatch(1);
    queue.add(barrier);
    LockSupport.unpark(thread);
    try {
      return barrier.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Writes what is queued (waiting up to {@code timeout}), then stops the writer thread. */
  void close(Duration timeout) {
    closing = true;
    LockSupport.unpark(thread);
    try {
      if (!thread.join(timeout)) {
        log.warn("audit writer stopped with {} event(s) not written", queued.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private void run() {
    List<AuditEvent> batch = new ArrayList<>(batchSize);
    List<CountDownLatch> barriers = new ArrayList<>();
    while (true) {
      drain(batch, barriers);
      if (!batch.isEmpty() && batch.size() < batchSize && barriers.isEmpty() && !closing) {
        LockSupport.parkNanos(this, lingerNanos);
        drain(batch, barriers);
      }
      if (!batch.isEmpty()) {
        write(batch);
        queued.addAndGet(-batch.size());
        batch.clear();
      }
      barriers.forEach(CountDownLatch::countDown);
      barriers.clear();
      reportDrops();
      if (queue.isEmpty()) {
        if (closing) {
          return;
        }
        idle = true;
        if (queue.isEmpty()) {
          LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
        idle = false;
      }
    }
  }

  /** Moves queued events (up to a batch) and flush barriers out of the queue. */
  private void drain(List<AuditEvent> batch, List<CountDownLatch> barriers) {
    Object next;
    while (batch.size() < batchSize && (next = queue.poll()) != null) {
      if (next instanceof AuditEvent event) {
        batch.add(event);
      } else {
        barriers.add((CountDownLatch) next);
      }
    }
  }

  private void write(List<AuditEvent> batch) {
    try {
      sink.accept(List.copyOf(batch));
    } catch (RuntimeException e) {
      failures.increment(batch.size());
      log.warn("could not write {} audit event(s): {}", batch.size(), e.toString());
      log.debug("audit write failure", e);
    }
  }

  private void reportDrops() {
    long count = droppedUnreported.getAndSet(0);
    if (count > 0) {
      log.warn(
          "audit queue full ({} events): {} event(s) dropped (patchbay.audit.dropped)",
          capacity,
          count);
    }
  }
}
