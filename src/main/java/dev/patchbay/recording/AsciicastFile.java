package dev.patchbay.recording;

import dev.patchbay.common.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * An asciicast v2 file being written: a JSON header line, then one {@code [seconds, code, data]}
 * line per event, written through as it comes so that a live recording can be downloaded. The file
 * is open only during a burst of events: the {@link IdleCloser} closes it once the burst has been
 * idle for a while and the next event reopens it for appending, so an idle session holds no file
 * descriptor. Event lines are encoded by hand around Jackson's string escaper (a terminal streams
 * thousands of them a second; a general serialiser per line cost a fifth of the service's CPU).
 */
final class AsciicastFile implements SessionRecording {

  private static final Logger log = LoggerFactory.getLogger(AsciicastFile.class);

  private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

  private final Path file;
  private final IdleCloser closer;
  private final LongConsumer onClose;
  private final long startNanos = System.nanoTime();
  private final Utf8Stream output = new Utf8Stream();
  private final Utf8Stream input = new Utf8Stream();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private OutputStream out;
  private long lastWrite;
  private boolean checkScheduled;
  private boolean stopped;
  private long bytes;
  private boolean closed;

  AsciicastFile(
      Path file,
      JsonMapper json,
      IdleCloser closer,
      int width,
      int height,
      Instant start,
      String title,
      LongConsumer onClose)
      throws IOException {
    this.file = file;
    this.closer = closer;
    this.onClose = onClose;
    PrivateFiles.createDirectories(file.getParent());
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("version", 2);
    header.put("width", width);
    header.put("height", height);
    header.put("timestamp", start.getEpochSecond());
    header.put("title", title);
    synchronized (this) { // the idle check must not run before the header is written
      out = PrivateFiles.newOutputStream(file);
      byte[] encoded = json.writeValueAsBytes(header);
      line.write(encoded, 0, encoded.length);
      writeLine();
    }
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
  public synchronized void marker(String label) {
    event("m", label);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      stopped = true;
      closeFile();
    }
    onClose.accept(bytes);
  }

  private void event(String code, String data) {
    if (data.isEmpty()) {
      return;
    }
    if (stopped) {
      return;
    }
    line.writeBytes(
        ('[' + seconds(System.nanoTime() - startNanos) + ",\"" + code + "\",\"")
            .getBytes(StandardCharsets.US_ASCII));
    line.writeBytes(ESCAPER.quoteAsUTF8(data));
    line.write('"');
    line.write(']');
    writeLine();
  }

  /**
   * Seconds since the start with microsecond precision, as asciinema writes them ({@code
   * 1.250000}).
   */
  static String seconds(long nanos) {
    long micros = (nanos + 500) / 1000;
    String fraction = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
    return micros / 1_000_000 + "." + fraction;
  }

  /**
   * Appends the line being built, reopening the file after an idle period; a failure stops the
   * recording.
   */
  private void writeLine() {
    line.write('\n');
    try {
      if (out == null) {
        out = PrivateFiles.newOutputStream(file, StandardOpenOption.APPEND);
      }
      line.writeTo(out);
    } catch (IOException e) {
      log.warn("recording {} stopped: {}", file, e.toString());
      stopped = true;
      closeFile();
      return;
    } finally {
      line.reset();
    }
    lastWrite = System.nanoTime();
    if (!checkScheduled) {
      scheduleIdleCheck(closer.idleNanos());
    }
  }

  private synchronized void closeIfIdle() {
    checkScheduled = false;
    if (out == null) {
      return;
    }
    long idleFor = System.nanoTime() - lastWrite;
    if (idleFor < closer.idleNanos()) {
      scheduleIdleCheck(closer.idleNanos() - idleFor);
    } else {
      closeFile();
    }
  }

  private void scheduleIdleCheck(long delayNanos) {
    checkScheduled = closer.schedule(this::closeIfIdle, delayNanos);
    if (!checkScheduled) {
      closeFile();
    }
  }

  private void closeFile() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      log.warn("closing recording {} failed: {}", file, e.getMessage());
    }
    out = null;
  }
}
