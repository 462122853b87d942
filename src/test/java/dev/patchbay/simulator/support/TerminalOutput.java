package dev.patchbay.simulator.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Collects what a client receives and lets a test wait for text, like {@code expect}. */
public final class TerminalOutput extends OutputStream {

  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private int mark;

  @Override
  public synchronized void write(int b) {
    received.write(b);
    notifyAll();
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    received.write(bytes, offset, length);
    notifyAll();
  }

  /** Everything received so far. */
  public synchronized String text() {
    return received.toString(StandardCharsets.UTF_8);
  }

  public synchronized byte[] bytes() {
    return received.toByteArray();
  }

  /**
   * Waits until the output after the previous match contains {@code needle}; returns that output up
   * to and including it.
   */
  public synchronized String await(String needle, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String text =
          new String(received.toByteArray(), mark, received.size() - mark, StandardCharsets.UTF_8);
      int found = text.indexOf(needle);
      if (found >= 0) {
        String upToNeedle = text.substring(0, found + needle.length());
        mark += upToNeedle.getBytes(StandardCharsets.UTF_8).length;
        return upToNeedle;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("Timed out waiting for '" + needle + "', received: " + text);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
