package dev.patchbay.cli;

import java.time.Duration;
import java.util.List;

/** Configuration lines applied in config mode; {@code timeout} null means per-line default. */
public record ConfigureRequest(List<String> lines, Duration timeout) {

  public ConfigureRequest {
    if (lines == null || lines.isEmpty()) {
      throw new IllegalArgumentException("a configuration needs at least one line");
    }
    lines = List.copyOf(lines);
    if (lines.stream().anyMatch(l -> l.contains("\n") || l.contains("\r"))) {
      throw new IllegalArgumentException("configuration lines cannot contain line breaks");
    }
  }

  public static ConfigureRequest of(String... lines) {
    return new ConfigureRequest(List.of(lines), null);
  }
}
