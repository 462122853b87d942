package dev.patchbay.simulator.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** An in-memory {@link SessionTransport} that keeps everything written and can wait for text. */
final class RecordingTransport implements SessionTransport {

  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private boolean disconnected;

  @Override
  public synchronized CompletableFuture<Void> write(byte[] bytes) {
    if (disconnected) {
      return CompletableFuture.failedFuture(new IllegalStateException("disconnected"));
    }
    written.writeBytes(bytes);
    notifyAll();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized void disconnect() {
    disconnected = true;
    notifyAll();
  }

  synchronized byte[] bytes() {
    return written.toByteArray();
  }

  synchronized int size() {
    return written.size();
  }

  synchronized boolean disconnected() {
    return disconnected;
  }

  /**
   * Waits until the output from {@code from} on contains {@code needle}; returns its end offset.
   */
  synchronized int awaitText(int from, String needle, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String text = textFrom(from);
      int found = text.indexOf(needle);
      if (found >= 0) {
        return from
            + text.substring(0, found + needle.length()).getBytes(StandardCharsets.UTF_8).length;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("Timed out waiting for '" + needle + "', got: " + text);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  synchronized void awaitDisconnect(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!disconnected) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("Session did not disconnect");
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  synchronized String textFrom(int from) {
    byte[] bytes = written.toByteArray();
    return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
  }
}
