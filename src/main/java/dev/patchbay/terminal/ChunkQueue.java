package dev.patchbay.terminal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

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
