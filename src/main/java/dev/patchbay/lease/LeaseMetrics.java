package dev.patchbay.lease;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lease metrics, kept in memory from the committed grant and end events (a scrape never queries the
 * database): {@code patchbay.leases.active} (counted from the database once at start), {@code
 * patchbay.leases.waiting}, {@code patchbay.leases.granted}, {@code patchbay.leases.ended} by
 * reason ({@code expired} are the expiries), {@code patchbay.leases.refused} and the time a granted
 * request waited, {@code patchbay.leases.wait}.
 */
@Component
class LeaseMetrics {

  private final LeaseRepository leases;
  private final AtomicLong active = new AtomicLong();
  private final Counter granted;
  private final Counter refused;
  private final Timer wait;
  private final Map<LeaseEndReason, Counter> ended = new EnumMap<>(LeaseEndReason.class);

  LeaseMetrics(MeterRegistry meters, LeaseRepository leases, LeaseQueue queue) {
    this.leases = leases;
    Gauge.builder("patchbay.leases.active", active, AtomicLong::get)
        .description("Leases holding their devices")
        .register(meters);
    Gauge.builder("patchbay.leases.waiting", queue, LeaseQueue::waiting)
        .description("Lease requests waiting for busy devices")
        .register(meters);
    granted =
        Counter.builder("patchbay.leases.granted").description("Leases granted").register(meters);
    refused =
        Counter.builder("patchbay.leases.refused")
            .description("Lease requests refused (busy devices past waitSeconds)")
            .register(meters);
    wait =
        Timer.builder("patchbay.leases.wait")
            .description("How long a granted lease request waited")
            .register(meters);
    for (LeaseEndReason reason : LeaseEndReason.values()) {
      ended.put(
          reason,
          Counter.builder("patchbay.leases.ended")
              .description("Leases ended, by reason")
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
              .register(meters));
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void countActive() {
    active.set(leases.countNotEnded());
  }

  @EventListener
  void on(LeaseGranted event) {
    active.incrementAndGet();
    granted.increment();
  }

  @EventListener
  void on(LeaseEnded event) {
    active.updateAndGet(n -> Math.max(0, n - 1));
    ended.get(event.reason()).increment();
  }

  void waited(Duration duration) {
    wait.record(duration);
  }

  void refused() {
    refused.increment();
  }
}
