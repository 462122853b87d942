package dev.patchbay.bench;

import java.time.Duration;

/**
 * Warms a JVM up until its figures stop moving: the service's Spring stack takes tens of seconds of
 * JIT compilation, and a few hundred calls measure a cold JVM. Sequential calls run in windows
 * until the medians of two consecutive windows differ by less than 5 % and a minimum time has
 * passed, or until a cap; concurrent calls run for a fixed time. Each warm-up says on stdout what
 * it took.
 */
record Warmup(int window, Duration minimum, Duration cap, int concurrentSeconds) {

  private static final double STEADY = 0.05;
  private static final long TRACE_NANOS = 5_000_000_000L;

  /** Windows of 500 calls for 20 to 120 s, concurrent 15 s (quick: 200 calls, 5 to 30 s, 4 s). */
  static Warmup of(Settings settings) {
    return new Warmup(
        settings.pick(500, 200),
        Duration.ofSeconds(settings.pick(20, 5)),
        Duration.ofSeconds(settings.pick(120, 30)),
        settings.pick(15, 4));
  }

  /** The same warm-up with windows of {@code calls} calls (for calls that take longer). */
  Warmup withWindow(int calls) {
    return new Warmup(calls, minimum, cap, concurrentSeconds);
  }

  /** Runs {@code call} on session 0, one call after the other, until steady or the cap. */
  void sequential(String name, CommandLoop.Call call) throws Exception {
    long started = System.nanoTime();
    double previous = Double.NaN;
    double last = Double.NaN;
    long calls = 0;
    boolean steady;
    long elapsed;
    StringBuilder trace = new StringBuilder();
    long traced = 0;
    do {
      long[] nanos = new long[window];
      for (int i = 0; i < window; i++) {
        long begun = System.nanoTime();
        call.run(0);
        nanos[i] = System.nanoTime() - begun;
      }
      calls += window;
      previous = last;
      last = Latency.of(nanos).medianMs();
      elapsed = System.nanoTime() - started;
      steady = Math.abs(last - previous) < STEADY * previous;
      if (elapsed >= traced) {
        trace.append(trace.isEmpty() ? "" : ", ").append(Results.number(last));
        traced += TRACE_NANOS;
      }
    } while (!(steady && elapsed >= minimum.toNanos()) && elapsed < cap.toNanos());
    System.out.printf(
        "  warm-up %s: %,d calls in %.1f s (%s), medians of the last two windows of %d: %s, %s ms;"
            + " a window's median every 5 s: %s ms%n",
        name,
        calls,
        elapsed / 1e9,
        steady ? "steady" : "still moving at the cap",
        window,
        Results.number(previous),
        Results.number(last),
        trace);
  }

  /** Runs {@code call} on {@code sessions} sessions at once for the concurrent warm-up time. */
  void concurrent(String name, CommandLoop.Call call, int sessions) throws Exception {
    CommandLoop.Outcome outcome = CommandLoop.concurrent(call, sessions, concurrentSeconds);
    System.out.printf(
        "  warm-up %s: %,d calls in %d s on %d sessions, %s/s, latency median / p99 %s%n",
        name,
        outcome.calls(),
        concurrentSeconds,
        sessions,
        Results.number(outcome.perSecond()),
        outcome.latency());
  }
}
