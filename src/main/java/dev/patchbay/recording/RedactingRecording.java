package dev.patchbay.recording;

import dev.patchbay.security.masking.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Masks secrets in a recording with {@link SecretMasker}: the device's echo of configuration lines
 * such as {@code enable secret x} or {@code username u password p}, and the same in typed input.
 * Output is masked by whole lines; an unfinished line that may still turn into a secret (it names
 * one, or ends inside a word) is held until its line ends or the recording closes.
 */
final class RedactingRecording implements SessionRecording {

  private static final int MAX_HELD = 8192;
  private static final Pattern MAY_HOLD_SECRET =
      Pattern.compile("(?i)secret|password|passphrase|community|key|[a-z0-9-]$");

  private final SessionRecording target;
  private String held = "";

  RedactingRecording(SessionRecording target) {
    this.target = target;
  }

  @Override
  public synchronized void output(byte[] bytes) {
    String text = held + new String(bytes, StandardCharsets.ISO_8859_1);
    int lineEnd = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
    String tail = text.substring(lineEnd);
    boolean hold = tail.length() <= MAX_HELD && MAY_HOLD_SECRET.matcher(tail).find();
    held = hold ? tail : "";
    write(hold ? text.substring(0, lineEnd) : text);
  }

  @Override
  public void input(byte[] bytes) {
    target.input(masked(bytes));
  }

  @Override
  public void resize(int columns, int rows) {
    target.resize(columns, rows);
  }

  @Override
  public synchronized void close() {
    write(held);
    held = "";
    target.close();
  }

  private void write(String text) {
    if (!text.isEmpty()) {
      target.output(SecretMasker.mask(text).getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static byte[] masked(byte[] bytes) {
    return SecretMasker.mask(new String(bytes, StandardCharsets.ISO_8859_1))
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
