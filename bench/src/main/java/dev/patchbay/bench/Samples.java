package dev.patchbay.bench;

import java.util.Arrays;

/** A growable array of durations in nanoseconds, filled by one thread. */
final class Samples {

  private long[] values = new long[1024];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  int size() {
    return size;
  }

  long[] toArray() {
    return Arrays.copyOf(values, size);
  }

  /** All samples of several collectors. */
  static long[] merge(Iterable<Samples> parts) {
    long[] all = new long[0];
    for (Samples part : parts) {
      long[] more = part.toArray();
      int start = all.length;
      all = Arrays.copyOf(all, start + more.length);
      System.arraycopy(more, 0, all, start, more.length);
    }
    return all;
  }
}
