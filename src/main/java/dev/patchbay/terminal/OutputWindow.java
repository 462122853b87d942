package dev.patchbay.terminal;

/**
 * Acknowledged flow control for one viewer (the watermark scheme of xterm.js's flow-control guide):
 * a client that acknowledges the output it has processed ({@code ack} messages) gets output while
 * fewer than {@code high} bytes are unacknowledged; at {@code high} its output waits in its queue
 * until acknowledgements bring the unacknowledged bytes down to {@code low}. A client that never
 * acknowledged is not held back (Reactor Netty's write readiness paces it, as before
 * acknowledgements existed). Not thread-safe: guarded by its viewer.
 */
final class OutputWindow {

  private final long high;
  private final long low;
  private long sent;
  private long acked;
  private boolean acking;
  private boolean paused;

  OutputWindow(long high, long low) {
    this.high = high;
    this.low = low;
  }

  /** Whether more output may be sent now. */
  boolean isOpen() {
    return !paused;
  }

  void sent(int bytes) {
    sent += bytes;
    update();
  }

  /**
   * The client processed {@code bytes} more output; more than was sent counts as everything sent (a
   * client cannot buy read-ahead by acknowledging in advance).
   */
  void acknowledged(long bytes) {
    acking = true;
    acked += Math.min(bytes, sent - acked);
    update();
  }

  long unacknowledged() {
    return sent - acked;
  }

  private void update() {
    if (!acking) {
      return;
    }
    long outstanding = sent - acked;
    if (outstanding >= high) {
      paused = true;
    } else if (outstanding <= low) {
      paused = false;
    }
  }
}
