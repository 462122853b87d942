package dev.patchbay.web;

import java.time.Instant;

/**
 * Timestamps as H2 and PostgreSQL keep them (rounded to microseconds), so a response written right
 * after a change shows the same value as later reads.
 */
public final class Timestamps {

  private Timestamps() {}

  public static Instant stored(Instant instant) {
    if (instant == null) {
      return null;
    }
    long micros = (instant.getNano() + 500) / 1000;
    return Instant.ofEpochSecond(instant.getEpochSecond(), micros * 1000);
  }
}
