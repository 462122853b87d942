package dev.patchbay.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.re2j.Pattern;
import dev.patchbay.io.ConnectionClosedException;
import dev.patchbay.io.Terminal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads one subscription of a terminal into a text buffer and waits for patterns on its last line
 * (the place where prompts, dialogs and the pager appear). Only the last {@value #SEARCH_WINDOW}
 * characters of a line are examined, so matching costs the same for 1 KB and 10 MB of output.
 */
final class Expect {

  static final int SEARCH_WINDOW = 8192;

  /** How often a cancellable wait asks whether it was cancelled. */
  private static final Duration CANCEL_POLL = Duration.ofMillis(100);

  private static final int CHUNK = 16384;

  private final Terminal terminal;
  private final Terminal.Subscription input;
  private final CharsetDecoder decoder =
      UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private static final int KEEP_CAPACITY = 64 * 1024;

  // Working buffers (64 KiB together), allocated by the first read of a call and dropped by
  // release(), so that an idle session holds none of them.
  private byte[] chunk;
  private ByteBuffer undecoded;
  private CharBuffer decoded;
  private StringBuilder buffer = new StringBuilder();
  private int consumed;
  private long skipped;
  private volatile BooleanSupplier cancelled;

  Expect(Terminal terminal, int bufferBytes) {
    this.terminal = terminal;
    this.input = terminal.subscribe(bufferBytes);
  }

  /** Forgets everything received so far (stale output before a new command). */
  void reset() {
    input.clear();
    buffer.setLength(0);
    consumed = 0;
    skipped = 0;
    decoder.reset();
    if (undecoded != null) {
      undecoded.clear();
    }
  }

  /**
   * Drops the read buffers once a call is done, and the text buffer too when it grew large, so that
   * neither an idle session nor a huge past output holds memory.
   */
  void release() {
    if (buffer.capacity() > KEEP_CAPACITY) {
      buffer = new StringBuilder();
      consumed = 0;
    }
    chunk = null;
    undecoded = null;
    decoded = null;
    decoder.reset();
  }

  void send(String text) {
    terminal.write(text.getBytes(UTF_8));
  }

  void sendLine(String text) {
    send(text + "\r");
  }

  String text() {
    return buffer.toString();
  }

  boolean contains(String text) {
    return buffer.indexOf(text) >= 0;
  }

  long skipped() {
    return skipped;
  }

  /**
   * Waits until the last line matches one of {@code patterns} (tested in order) after output that
   * was not matched before.
   *
   * @return the index of the matching pattern, or -1 when {@code deadline} passed
   * @throws ConnectionClosedException when the stream ended
   */
  int await(List<Pattern> patterns, Instant deadline) {
    while (true) {
      BooleanSupplier cancel = cancelled;
      if (cancel != null && cancel.getAsBoolean()) {
        return -1;
      }
      if (buffer.length() > consumed) {
        String line = lastLine();
        for (int i = 0; i < patterns.size(); i++) {
          if (patterns.get(i).matcher(line).find()) {
            consumed = buffer.length();
            return i;
          }
        }
        consumed = buffer.length();
      }
      Duration remaining = Duration.between(Instant.now(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        return -1;
      }
      if (chunk == null) {
        chunk = new byte[CHUNK];
        undecoded = ByteBuffer.allocate(CHUNK + 8);
        decoded = CharBuffer.allocate(CHUNK + 8);
      }
      int n =
          input.read(
              chunk,
              cancel == null || remaining.compareTo(CANCEL_POLL) < 0 ? remaining : CANCEL_POLL);
      if (n < 0) {
        throw new ConnectionClosedException("the device closed the connection", text(), null);
      }
      if (n > 0) {
        append(n);
      }
    }
  }

  /** The last line as a terminal would show it: escape sequences and backspaces applied. */
  String lastLine() {
    int end = buffer.length();
    int start = end;
    while (start > 0 && end - start < SEARCH_WINDOW && buffer.charAt(start - 1) != '\n') {
      start--;
    }
    String line = OutputCleaner.applyBackspaces(OutputCleaner.stripAnsi(buffer.substring(start)));
    int cr = line.lastIndexOf('\r');
    while (cr >= 0 && cr == line.length() - 1) {
      line = line.substring(0, cr);
      cr = line.lastIndexOf('\r');
    }
    return cr >= 0 ? line.substring(cr + 1) : line;
  }

  /**
   * While {@code value} is set, {@link #await} also ends (returning -1, as at its deadline) once it
   * answers true; null: only the deadline ends it.
   */
  void cancelWhen(BooleanSupplier value) {
    cancelled = value;
  }

  /** Whether the current wait was ended by its cancellation. */
  boolean wasCancelled() {
    BooleanSupplier cancel = cancelled;
    return cancel != null && cancel.getAsBoolean();
  }

  void close() {
    input.close();
  }

  private void append(int n) {
    long gap = input.takeSkipped();
    if (gap > 0) {
      skipped += gap;
      buffer.append("\n[patchbay: ").append(gap).append(" bytes skipped]\n");
    }
    undecoded.put(chunk, 0, n).flip();
    decoder.decode(undecoded, decoded, false);
    undecoded.compact();
    decoded.flip();
    buffer.append(decoded);
    decoded.clear();
  }
}
