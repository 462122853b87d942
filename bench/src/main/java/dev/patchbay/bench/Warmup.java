package dev.patchbay.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Warms a JVM up until its figures stop moving: the service's Spring stack takes tens of seconds of
 * JIT compilation, and a few hundred calls measure a cold JVM. Sequential calls run in windows of a
 * fixed number of calls until a window's median is within 5 % of the median of the window that
 * ended {@code apart} earlier (consecutive windows of fast calls can agree while the JIT is still
 * at work) and a minimum time has passed, or until a cap; concurrent calls alike, by their rate.
 * Each warm-up says on stdout what it took.
 */
record Warmup(int window, Duration apart, Duration minimum, Duration cap) {

  private static final double STEADY = 0.05;
  private static final long TRACE_NANOS = 5_000_000_000L;

  /** Seconds of one window of concurrent warm-up calls. */
  private static final int CONCURRENT_WINDOW = 5;

  /**
   * Windows of 500 calls 10 s apart, for 20 to 120 s, in quick runs too (a quick run measures
   * fewer calls, not a colder JVM, so that its figures compare with a full run's); concurrent calls
   * alike, in windows of {@value #CONCURRENT_WINDOW} s.
   */
  static Warmup of(Settings settings) {
    return new Warmup(500, Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(120));
  }

  /** The same warm-up with windows of {@code calls} calls (for calls that take longer). */
  Warmup withWindow(int calls) {
    return new Warmup(calls, apart, minimum, cap);
  }

  /** Runs {@code call} on session 0, one call after the other, until steady or the cap. */
  void sequential(String name, CommandLoop.Call call) throws Exception {
    long started = System.nanoTime();
    List<Double> medians = new ArrayList<>();
    List<Long> ends = new ArrayList<>();
    double last;
    double before;
    boolean steady;
    long elapsed;
    do {
      last = CommandLoop.sequential(call, window).medianMs();
      elapsed = System.nanoTime() - started;
      medians.add(last);
      ends.add(elapsed);
      before = Double.NaN;
      for (int w = ends.size() - 2; w >= 0; w--) {
        if (ends.get(w) <= elapsed - apart.toNanos()) {
          before = medians.get(w);
          break;
        }
      }
      steady = Math.abs(last - before) < STEADY * before;
    } while (!(steady && elapsed >= minimum.toNanos()) && elapsed < cap.toNanos());
    StringBuilder trace = new StringBuilder();
    long traced = 0;
    for (int w = 0; w < medians.size(); w++) {
      if (ends.get(w) >= traced) {
        trace.append(trace.isEmpty() ? "" : ", ").append(Results.number(medians.get(w)));
        traced += TRACE_NANOS;
      }
    }
    System.out.printf(
        "  warm-up %s: %,d calls in %.1f s (%s), median of the last window of %d and of the one"
            + " %d s before: %s, %s ms; a window's median every 5 s: %s ms%n",
        name,
        (long) medians.size() * window,
        elapsed / 1e9,
        steady ? "steady" : "still moving at the cap",
        window,
        apart.toSeconds(),
        Results.number(last),
        Results.number(before),
        trace);
  }

  /**
   * Runs {@code call} on {@code sessions} sessions at once in windows of {@link #CONCURRENT_WINDOW}
   * seconds until the last two windows' rates are each within 5 % of the rate of the window that
   * ended {@code apart} before it (one such pair agreed by chance while the rate was still climbing)
   * and the minimum time has passed, or until the cap.
   */
  void concurrent(String name, CommandLoop.Call call, int sessions) throws Exception {
    long started = System.nanoTime();
    List<Double> rates = new ArrayList<>();
    int back = (int) Math.max(1, apart.toSeconds() / CONCURRENT_WINDOW);
    CommandLoop.Outcome last;
    boolean steady;
    long elapsed;
    do {
      last = CommandLoop.concurrent(call, sessions, CONCURRENT_WINDOW);
      rates.add(last.perSecond());
      elapsed = System.nanoTime() - started;
      steady = agrees(rates, rates.size() - 1, back) && agrees(rates, rates.size() - 2, back);
    } while (!(steady && elapsed >= minimum.toNanos()) && elapsed < cap.toNanos());
    System.out.printf(
        "  warm-up %s: %.1f s on %d sessions (%s), a %d s window's rate: %s /s; last window's"
            + " latency median / p99 %s%n",
        name,
        elapsed / 1e9,
        sessions,
        steady ? "steady" : "still moving at the cap",
        CONCURRENT_WINDOW,
        String.join(", ", rates.stream().map(Results::number).toList()),
        last.latency());
  }

  /** Whether window {@code w}'s rate is within 5 % of window {@code w - back}'s. */
  private static boolean agrees(List<Double> rates, int w, int back) {
    if (w - back < 0) {
      return false;
    }
    double before = rates.get(w - back);
    return Math.abs(rates.get(w) - before) < STEADY * before;
  }
}
