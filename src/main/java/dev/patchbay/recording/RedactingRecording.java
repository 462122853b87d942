package dev.patchbay.recording;

import dev.patchbay.security.masking.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Masks secrets in a recording with {@link SecretMasker}: the device's echo of configuration lines
 * such as {@code enable secret x} or {@code username u password p}, and the same in typed input.
 * Output is masked by whole lines: an unfinished line that may still turn into a secret (it holds a
 * rule's keyword, or ends inside a word) is held until its line ends or the recording closes, and
 * the rest of a line whose start was already written (a device echoes word by word) is masked with
 * that start as context, so a rule still sees the whole line. Input arrives keystroke by keystroke
 * from the web terminal, so it is held until the line is finished (Enter, Ctrl-C, Ctrl-D, Ctrl-Z)
 * and recorded as one masked event.
 */
final class RedactingRecording implements SessionRecording {

  private static final int MAX_HELD = 8192;
  private static final Pattern ENDS_IN_WORD = Pattern.compile("(?i)[a-z0-9-]$");

  private final SessionRecording target;
  private String held = "";

  /** The start of the current line, already written: it holds no keyword of a rule. */
  private String written = "";

  private final StringBuilder typed = new StringBuilder();

  RedactingRecording(SessionRecording target) {
    this.target = target;
  }

  @Override
  public synchronized void output(byte[] bytes) {
    String text = held + new String(bytes, StandardCharsets.ISO_8859_1);
    int lineEnd = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
    String tail = text.substring(lineEnd);
    String line = lineEnd == 0 ? written + tail : tail;
    boolean hold =
        line.length() <= MAX_HELD
            && (SecretMasker.rules().mentionsSecret(line) || ENDS_IN_WORD.matcher(tail).find());
    held = hold ? tail : "";
    write(hold ? text.substring(0, lineEnd) : text);
    if (!hold) {
      written = line.length() <= MAX_HELD ? line : line.substring(line.length() - MAX_HELD);
    } else if (lineEnd > 0) {
      written = "";
    }
  }

  @Override
  public synchronized void input(byte[] bytes) {
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (endsLine(bytes[i])) {
        typed.append(new String(bytes, start, i + 1 - start, StandardCharsets.ISO_8859_1));
        writeTyped();
        start = i + 1;
      }
    }
    typed.append(new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1));
    if (typed.length() > MAX_HELD) {
      writeTyped();
    }
  }

  @Override
  public void resize(int columns, int rows) {
    target.resize(columns, rows);
  }

  /** The line typed so far belongs to the previous writer: it is written before the marker. */
  @Override
  public synchronized void marker(String label) {
    writeTyped();
    target.marker(label);
  }

  @Override
  public synchronized void close() {
    write(held);
    held = "";
    written = "";
    writeTyped();
    target.close();
  }

  private static boolean endsLine(byte b) {
    return b == '\r' || b == '\n' || b == 0x03 || b == 0x04 || b == 0x1a;
  }

  private void writeTyped() {
    if (!typed.isEmpty()) {
      target.input(SecretMasker.mask(typed.toString()).getBytes(StandardCharsets.ISO_8859_1));
      typed.setLength(0);
    }
  }

  /** Writes {@code text}, which continues the {@link #written} start of the current line. */
  private void write(String text) {
    if (text.isEmpty()) {
      return;
    }
    String inContext = SecretMasker.mask(written + text);
    String masked =
        inContext.startsWith(written)
            ? inContext.substring(written.length())
            : SecretMasker.mask(text);
    target.output(masked.getBytes(StandardCharsets.ISO_8859_1));
  }
}
