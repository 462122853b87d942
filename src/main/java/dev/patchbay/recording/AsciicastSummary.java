package dev.patchbay.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an asciicast v2 file says of its recording when nobody closed it (the service was killed):
 * the offset of its last event and the output bytes it holds (UTF-8 of its {@code "o"} events). A
 * line cut short by the crash is ignored.
 */
record AsciicastSummary(Duration lastEvent, long outputBytes) {

  static final AsciicastSummary EMPTY = new AsciicastSummary(Duration.ZERO, 0);

  /** Reads the file; {@link #EMPTY} when it is missing or unreadable. */
  static AsciicastSummary of(Path file, JsonMapper json) {
    if (!Files.isReadable(file)) {
      return EMPTY;
    }
    BigDecimal last = BigDecimal.ZERO;
    long bytes = 0;
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines.readLine(); // the header
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode event = event(line, json);
        if (event == null) {
          continue;
        }
        last = last.max(event.get(0).decimalValue());
        if ("o".equals(event.get(1).asString())) {
          bytes += event.get(2).asString().getBytes(StandardCharsets.UTF_8).length;
        }
      }
    } catch (IOException e) {
      return EMPTY;
    }
    return new AsciicastSummary(Duration.ofNanos(last.movePointRight(9).longValue()), bytes);
  }

  private static JsonNode event(String line, JsonMapper json) {
    try {
      JsonNode event = json.readTree(line);
      return event.isArray() && event.size() == 3 && event.get(0).isNumber() ? event : null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
