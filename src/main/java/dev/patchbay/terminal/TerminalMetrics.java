package dev.patchbay.terminal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Terminal WebSocket output: {@code patchbay.terminal.bytes{outcome=sent}} reached a viewer, {@code
 * outcome=skipped} a viewer missed because it (or the session's reader) fell behind, counted per
 * viewer as its {@code output-skipped} notices say. Viewers are counted by {@link TerminalHubs}
 * ({@code patchbay.terminal.viewers}).
 */
@Component
class TerminalMetrics {

  private final Counter sent;
  private final Counter skipped;

  TerminalMetrics(MeterRegistry meters) {
    sent = bytes(meters, "sent");
    skipped = bytes(meters, "skipped");
  }

  void sent(long bytes) {
    sent.increment(bytes);
  }

  void skipped(long bytes) {
    skipped.increment(bytes);
  }

  private static Counter bytes(MeterRegistry meters, String outcome) {
    return Counter.builder("patchbay.terminal.bytes")
        .description("Terminal output bytes to WebSocket viewers, sent or skipped")
        .baseUnit("bytes")
        .tag("outcome", outcome)
        .register(meters);
  }
}
