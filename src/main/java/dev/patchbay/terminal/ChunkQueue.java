package dev.patchbay.terminal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A bounded FIFO of byte chunks. When an offer would exceed the capacity, the oldest chunks are
 * dropped and counted as skipped. Not thread-safe: guarded by its owner.
 */
final class ChunkQueue {

  private final long capacity;
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private long size;
  private long skipped;

  ChunkQueue(long capacity) {
    this.capacity = capacity;
  }

  void offer(byte[] chunk) {
    if (chunk.length > capacity) {
      byte[] tail = new byte[(int) capacity];
      System.arraycopy(chunk, chunk.length - tail.length, tail, 0, tail.length);
      skipped += chunk.length - tail.length;
      chunk = tail;
    }
    while (size + chunk.length > capacity) {
      byte[] dropped = chunks.removeFirst();
      size -= dropped.length;
      skipped += dropped.length;
    }
    chunks.addLast(chunk);
    size += chunk.length;
  }

  byte[] poll() {
    byte[] chunk = chunks.pollFirst();
    if (chunk != null) {
      size -= chunk.length;
    }
    return chunk;
  }

  /**
   * The oldest chunk joined with the ones after it while the total stays within {@code maxBytes}
   * (the oldest one alone when it is larger): one frame instead of many small ones for a viewer
   * that fell behind. Null when empty.
   */
  byte[] poll(int maxBytes) {
    byte[] first = poll();
    if (first == null || chunks.isEmpty() || first.length + chunks.peekFirst().length > maxBytes) {
      return first;
    }
    int total = first.length;
    int count = 0;
    for (byte[] next : chunks) {
      if (total + next.length > maxBytes) {
        break;
      }
      total += next.length;
      count++;
    }
    byte[] joined = Arrays.copyOf(first, total);
    int at = first.length;
    for (int i = 0; i < count; i++) {
      byte[] next = poll();
      System.arraycopy(next, 0, joined, at, next.length);
      at += next.length;
    }
    return joined;
  }

  /** Everything held, oldest first, without removing it. */
  byte[] snapshot() {
    ByteArrayOutputStream all = new ByteArrayOutputStream((int) size);
    chunks.forEach(all::writeBytes);
    return all.toByteArray();
  }

  /** Bytes dropped since the previous call. */
  long takeSkipped() {
    long value = skipped;
    skipped = 0;
    return value;
  }

  long size() {
    return size;
  }

  boolean isEmpty() {
    return chunks.isEmpty();
  }
}
