package dev.patchbay.inventory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as the databases keep them (microseconds), so every response shows the same value. */
final class Timestamps {

  private Timestamps() {}

  static Instant stored(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
