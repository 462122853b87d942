package dev.patchbay.security.masking;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Watches the output to tell whether the device is asking for a secret, so that neither what is
 * typed there nor what the device echoes of it (the rest of that line) is recorded or replayed. The
 * secret entry ends with the next line break in the output. The web terminal's scrollback and the
 * recorder each keep one over the stream they read. Not thread-safe: guarded by its owner.
 */
public final class PasswordPrompt {

  private static final int MAX_LINE = 256;
  private static final byte[] NOTHING = new byte[0];
  private static final Pattern SECRET_PROMPT =
      Pattern.compile("(?i).*(password|passphrase|passcode|secret)[^:]{0,40}:\\s*$");

  private final StringBuilder lastLine = new StringBuilder();
  private boolean entering;

  /**
   * Notes a chunk of output and returns the part that may be kept (recording, scrollback): all of
   * it, except while a secret is being entered, when the echo up to the line break is left out.
   */
  public byte[] seen(byte[] output) {
    byte[] kept = output;
    if (entering) {
      int lineEnd = lineEnd(output);
      if (lineEnd < 0) {
        return NOTHING;
      }
      entering = false;
      lastLine.setLength(0);
      kept = Arrays.copyOfRange(output, lineEnd, output.length);
    }
    String text = new String(kept, StandardCharsets.ISO_8859_1);
    int newline = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (newline >= 0) {
      lastLine.setLength(0);
      text = text.substring(newline + 1);
    }
    lastLine.append(text);
    if (lastLine.length() > MAX_LINE) {
      lastLine.delete(0, lastLine.length() - MAX_LINE);
    }
    entering = SECRET_PROMPT.matcher(lastLine).matches();
    return kept;
  }

  /** Whether the device is waiting for a secret: input now is not recorded. */
  public boolean isShown() {
    return entering;
  }

  private static int lineEnd(byte[] output) {
    for (int i = 0; i < output.length; i++) {
      if (output[i] == '\r' || output[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
