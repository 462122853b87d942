package dev.patchbay.bench;

import java.util.Arrays;

/** Median and 99th percentile of a set of durations, in milliseconds. */
record Latency(double medianMs, double p99Ms, int samples) {

  static Latency of(long[] nanos) {
    if (nanos.length == 0) {
      return new Latency(Double.NaN, Double.NaN, 0);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latency(
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
        sorted.length);
  }

  @Override
  public String toString() {
    return String.format("%s / %s ms", Results.number(medianMs), Results.number(p99Ms));
  }
}
