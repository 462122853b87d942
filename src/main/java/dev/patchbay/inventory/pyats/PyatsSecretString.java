package dev.patchbay.inventory.pyats;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pyATS secret string: {@code %ENC{token}} (encrypted or obfuscated), {@code %ASK{prompt}} (asked
 * when the testbed is loaded) or {@code %ENV{NAME}} (read from the environment).
 */
public record PyatsSecretString(Kind kind, String body) {

  /** The three pyATS markers. */
  public enum Kind {
    ENC,
    ASK,
    ENV
  }

  private static final Pattern MARKER = Pattern.compile("%(ENC|ASK|ENV)\\{(.*)}", Pattern.DOTALL);

  /** Recognises a whole-string marker; any other string is not a pyATS secret string. */
  public static Optional<PyatsSecretString> parse(String value) {
    Matcher m = MARKER.matcher(value);
    return m.matches()
        ? Optional.of(new PyatsSecretString(Kind.valueOf(m.group(1)), m.group(2)))
        : Optional.empty();
  }

  /** The marker as written in a testbed file. */
  public String written() {
    return "%" + kind + "{" + body + "}";
  }

  @Override
  public String toString() {
    return "%" + kind + "{…}";
  }
}
