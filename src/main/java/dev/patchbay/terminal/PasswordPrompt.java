package dev.patchbay.terminal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Watches the last line of output to tell whether the device is asking for a secret, so that what
 * is typed there is not recorded. Guarded by its hub.
 */
final class PasswordPrompt {

  private static final int MAX_LINE = 256;
  private static final Pattern SECRET_PROMPT =
      Pattern.compile("(?i).*(password|passphrase|passcode|secret)[^:]{0,40}:\\s*$");

  private final StringBuilder lastLine = new StringBuilder();

  void seen(byte[] output) {
    String text = new String(output, StandardCharsets.ISO_8859_1);
    int newline = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (newline >= 0) {
      lastLine.setLength(0);
      text = text.substring(newline + 1);
    }
    lastLine.append(text);
    if (lastLine.length() > MAX_LINE) {
      lastLine.delete(0, lastLine.length() - MAX_LINE);
    }
  }

  boolean isShown() {
    return SECRET_PROMPT.matcher(lastLine).matches();
  }
}
