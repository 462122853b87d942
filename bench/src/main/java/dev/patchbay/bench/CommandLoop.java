package dev.patchbay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a command in a loop, timing every call: on one session a given number of times, or on
 * several sessions at once (one virtual thread each) for a fixed time. Warm-ups are {@link
 * Warmup}'s.
 */
final class CommandLoop {

  /** One call on session {@code index}. */
  interface Call {
    void run(int index) throws Exception;
  }

  /** What a loop achieved: completed calls, calls per second and their latency. */
  record Outcome(int calls, double perSecond, Latency latency) {}

  private CommandLoop() {}

  /** Runs {@code count} calls on session 0, one after the other. */
  static Latency sequential(Call call, int count) throws Exception {
    Samples samples = new Samples();
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      call.run(0);
      samples.add(System.nanoTime() - started);
    }
    return Latency.of(samples.toArray());
  }

  /**
   * Runs {@code count} calls of each of {@code calls} on session 0, one after the other, taking
   * turns every {@code block} calls, so that calls compared side by side meet the same service
   * state (a JIT still at work, a collection) in equal shares.
   */
  static List<Latency> interleaved(List<Call> calls, int count, int block) throws Exception {
    List<Samples> samples = new ArrayList<>();
    calls.forEach(call -> samples.add(new Samples()));
    for (int done = 0; done < count; done += block) {
      for (int c = 0; c < calls.size(); c++) {
        for (int i = done; i < Math.min(count, done + block); i++) {
          long started = System.nanoTime();
          calls.get(c).run(0);
          samples.get(c).add(System.nanoTime() - started);
        }
      }
    }
    return samples.stream().map(taken -> Latency.of(taken.toArray())).toList();
  }

  /** Runs calls on {@code sessions} sessions concurrently for {@code seconds}. */
  static Outcome concurrent(Call call, int sessions, int seconds) throws Exception {
    long started = System.nanoTime();
    List<Samples> samples = loop(call, sessions, seconds);
    double elapsed = (System.nanoTime() - started) / 1e9;
    long[] all = Samples.merge(samples);
    return new Outcome(all.length, all.length / elapsed, Latency.of(all));
  }

  private static List<Samples> loop(Call call, int sessions, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Samples> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (int i = 0; i < sessions; i++) {
      int index = i;
      Samples mine = new Samples();
      samples.add(mine);
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (System.nanoTime() < deadline && failure.get() == null) {
                        long begun = System.nanoTime();
                        call.run(index);
                        mine.add(System.nanoTime() - begun);
                      }
                    } catch (Exception e) {
                      failure.compareAndSet(null, e);
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return samples;
  }
}
