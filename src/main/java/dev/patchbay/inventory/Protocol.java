package dev.patchbay.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The protocols Patchbay has a driver for. */
public enum Protocol {
  SSH,
  TELNET,
  SERIAL;

  /** The lower-case name used in JSON and testbed files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code ssh}, {@code telnet} or {@code serial} (any case). */
  public static Optional<Protocol> parse(String value) {
    return Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(value)).findFirst();
  }
}
