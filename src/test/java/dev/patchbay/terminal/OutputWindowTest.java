package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The acknowledged-output window between its watermarks, and the frames a queue joins. */
class OutputWindowTest {

  @Test
  void aClientThatNeverAcknowledgedIsNotHeldBack() {
    OutputWindow window = new OutputWindow(100, 20);
    window.sent(1_000);
    assertThat(window.isOpen()).isTrue();
  }

  @Test
  void closesAtTheHighWatermarkAndReopensOnlyAtTheLowOne() {
    OutputWindow window = new OutputWindow(100, 20);
    window.acknowledged(1);
    window.sent(60);
    assertThat(window.isOpen()).isTrue();
    window.sent(40);
    assertThat(window.isOpen()).isFalse();
    window.acknowledged(50);
    assertThat(window.unacknowledged()).isEqualTo(50);
    assertThat(window.isOpen()).as("between the watermarks: still waiting").isFalse();
    window.acknowledged(30);
    assertThat(window.isOpen()).isTrue();
  }

  @Test
  void acknowledgingMoreThanWasSentBuysNoReadAhead() {
    OutputWindow window = new OutputWindow(100, 20);
    window.acknowledged(Long.MAX_VALUE);
    window.sent(100);
    assertThat(window.unacknowledged()).isEqualTo(100);
    assertThat(window.isOpen()).isFalse();
  }

  @Test
  void aQueueJoinsChunksIntoFramesUpToTheLimit() {
    ChunkQueue queue = new ChunkQueue(1_000);
    queue.offer(new byte[] {1, 2});
    queue.offer(new byte[] {3});
    queue.offer(new byte[] {4, 5, 6});
    assertThat(queue.poll(4)).containsExactly(1, 2, 3);
    assertThat(queue.poll(2)).as("a chunk above the limit goes alone").containsExactly(4, 5, 6);
    assertThat(queue.poll(4)).isNull();
    assertThat(queue.size()).isZero();
  }
}
