package dev.patchbay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer's queue: order, batches, overflow, flush and close, with an in-memory sink. */
@Timeout(30)
class AuditBatchWriterTest {

  private static final Duration NO_LINGER = Duration.ZERO;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<List<AuditEvent>> written = new ArrayList<>();

  private synchronized void write(List<AuditEvent> batch) {
    written.add(batch);
  }

  private synchronized List<String> writtenDetails() {
    return written.stream().flatMap(List::stream).map(AuditEvent::getDetail).toList();
  }

  private static AuditEvent event(int n) {
    return new AuditEvent(null, "test.event", List.of("d"), "SUCCESS", "event " + n);
  }

  @Test
  void writesEveryEventInOrderInBoundedBatches() {
    try (AuditBatchWriter writer = new AuditBatchWriter(1000, 7, NO_LINGER, this::write, meters)) {
      for (int i = 0; i < 100; i++) {
        assertThat(writer.offer(event(i))).isTrue();
      }
      assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        expected.add("event " + i);
      }
      assertThat(writtenDetails()).isEqualTo(expected);
      synchronized (this) {
        assertThat(written).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(7));
      }
    }
  }

  @Test
  void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
    CountDownLatch sinkEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (AuditBatchWriter writer =
        new AuditBatchWriter(
            3,
            1,
            NO_LINGER,
            batch -> {
              sinkEntered.countDown();
              await(release);
              write(batch);
            },
            meters)) {
      assertThat(writer.offer(event(0))).isTrue();
      assertThat(sinkEntered.await(10, TimeUnit.SECONDS)).isTrue();
      // event 0 is being written and still counts; two more fit, the rest are dropped
      assertThat(writer.offer(event(1))).isTrue();
      assertThat(writer.offer(event(2))).isTrue();
      assertThat(writer.offer(event(3))).isFalse();
      assertThat(writer.offer(event(4))).isFalse();
      assertThat(meters.counter("patchbay.audit.dropped").count()).isEqualTo(2);
      assertThat(meters.get("patchbay.audit.queued").gauge().value()).isEqualTo(3);

      release.countDown();
      assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(writtenDetails()).containsExactly("event 0", "event 1", "event 2");
      assertThat(writer.offer(event(5))).isTrue();
      assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(writtenDetails()).endsWith("event 5");
    }
  }

  @Test
  void aFailingBatchIsCountedAndLaterEventsAreStillWritten() {
    try (AuditBatchWriter writer =
        new AuditBatchWriter(
            100,
            10,
            Duration.ofSeconds(30),
            batch -> {
              if (batch.getFirst().getDetail().equals("event 0")) {
                throw new IllegalStateException("database down");
              }
              write(batch);
            },
            meters)) {
      writer.offer(event(0));
      writer.flush(Duration.ofSeconds(10));
      writer.offer(event(1));
      assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(writtenDetails()).containsExactly("event 1");
      assertThat(meters.counter("patchbay.audit.write.failures").count()).isEqualTo(1);
    }
  }

  @Test
  void eventsArrivingWhileTheWriterLingersShareOneBatch() {
    try (AuditBatchWriter writer =
        new AuditBatchWriter(100, 10, Duration.ofSeconds(30), this::write, meters)) {
      for (int i = 0; i < 5; i++) {
        writer.offer(event(i));
      }
      assertThat(writer.flush(Duration.ofSeconds(10))).as("flush ends the linger").isTrue();
      synchronized (this) {
        assertThat(written).hasSize(1);
        assertThat(written.getFirst()).hasSize(5);
      }
    }
  }

  @Test
  void closeWritesWhatIsQueuedThenRefusesNewEvents() {
    AuditBatchWriter writer = new AuditBatchWriter(100, 10, NO_LINGER, this::write, meters);
    for (int i = 0; i < 20; i++) {
      writer.offer(event(i));
    }
    writer.close(Duration.ofSeconds(10));
    assertThat(writtenDetails()).hasSize(20);
    assertThat(writer.offer(event(20))).isFalse();
    assertThat(meters.counter("patchbay.audit.dropped").count()).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
