package dev.patchbay.recording;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * An asciicast v2 file being written: a JSON header line, then one {@code [seconds, code, data]}
 * line per event, flushed as it goes so that a live recording can be downloaded.
 */
final class AsciicastFile implements SessionRecording {

  private static final Logger log = LoggerFactory.getLogger(AsciicastFile.class);

  private final Path file;
  private final JsonMapper json;
  private final LongConsumer onClose;
  private final long startNanos = System.nanoTime();
  private final Utf8Stream output = new Utf8Stream();
  private final Utf8Stream input = new Utf8Stream();
  private BufferedWriter writer;
  private long bytes;
  private boolean closed;

  AsciicastFile(
      Path file,
      JsonMapper json,
      int width,
      int height,
      Instant start,
      String title,
      LongConsumer onClose)
      throws IOException {
    this.file = file;
    this.json = json;
    this.onClose = onClose;
    Files.createDirectories(file.getParent());
    this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("version", 2);
    header.put("width", width);
    header.put("height", height);
    header.put("timestamp", start.getEpochSecond());
    header.put("title", title);
    line(json.writeValueAsString(header));
  }

  @Override
  public synchronized void output(byte[] data) {
    bytes += data.length;
    event("o", output.decode(data));
  }

  @Override
  public synchronized void input(byte[] data) {
    event("i", input.decode(data));
  }

  @Override
  public synchronized void resize(int columns, int rows) {
    event("r", columns + "x" + rows);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException e) {
          log.warn("closing recording {} failed: {}", file, e.getMessage());
        }
        writer = null;
      }
    }
    onClose.accept(bytes);
  }

  private void event(String code, String data) {
    if (data.isEmpty()) {
      return;
    }
    BigDecimal seconds =
        BigDecimal.valueOf(System.nanoTime() - startNanos, 9).setScale(6, RoundingMode.HALF_UP);
    line(json.writeValueAsString(List.of(seconds, code, data)));
  }

  private void line(String text) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(text);
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      log.warn("recording {} stopped: {}", file, e.getMessage());
      try {
        writer.close();
      } catch (IOException ignored) {
        // already failing; the warning above says so
      }
      writer = null;
    }
  }
}
