package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Session meters: {@code patchbay.executes} (counter by operation and outcome), {@code
 * patchbay.execute.latency} (timer with a histogram) and {@code patchbay.pool.wait} (time callers
 * waited for a pool member). Gauges of open connections and pool members are registered by {@link
 * ConnectionManagerRegistry}.
 */
@Component
class SessionMetrics {

  private final MeterRegistry meters;
  private final Timer poolWait;
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();
  private final Map<Outcome, Counter> outcomes = new ConcurrentHashMap<>();

  /** The tags of one {@code patchbay.executes} counter. */
  private record Outcome(String operation, String outcome) {}

  SessionMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.poolWait =
        Timer.builder("patchbay.pool.wait")
            .description("Time a call waited for a free pool member")
            .publishPercentileHistogram()
            .register(meters);
  }

  MeterRegistry registry() {
    return meters;
  }

  /**
   * Runs a device call, counting it by {@code operation} and outcome ({@code ok} or the problem
   * type's slug) and timing it.
   */
  <T> T record(String operation, Supplier<T> call) {
    long started = System.nanoTime();
    String outcome = "ok";
    try {
      return call.get();
    } catch (PatchbayException e) {
      String uri = e.type().uri().toString();
      outcome = uri.substring(uri.lastIndexOf('/') + 1);
      throw e;
    } catch (RuntimeException e) {
      outcome = "internal";
      throw e;
    } finally {
      latency
          .computeIfAbsent(operation, this::latencyTimer)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      outcomes.computeIfAbsent(new Outcome(operation, outcome), this::outcomeCounter).increment();
    }
  }

  private Timer latencyTimer(String operation) {
    return Timer.builder("patchbay.execute.latency")
        .description("Duration of execute and configure calls")
        .tag("operation", operation)
        .publishPercentileHistogram()
        .register(meters);
  }

  private Counter outcomeCounter(Outcome key) {
    return Counter.builder("patchbay.executes")
        .description("Execute and configure calls by outcome")
        .tag("operation", key.operation())
        .tag("outcome", key.outcome())
        .register(meters);
  }

  void poolWait(long nanos) {
    poolWait.record(nanos, TimeUnit.NANOSECONDS);
  }
}
