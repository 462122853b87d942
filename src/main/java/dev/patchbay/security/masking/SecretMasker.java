package dev.patchbay.security.masking;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for log output: replaces what looks like a secret value with {@code
 * *****}. It knows {@code key=value} and {@code "key": "value"} forms of password-, secret-, token-
 * and key-like names, device configuration lines ({@code enable secret 5 x}, {@code username u
 * password p}, {@code snmp-server community c}, {@code key-string k}), {@code Bearer}/{@code Basic}
 * credentials and passwords in URLs. Code must still never log a secret on purpose.
 */
public final class SecretMasker {

  static final String MASK = "*****";

  private static final String NAMES =
      "(?:password|passwd|pwd|secret|passphrase|passcode|community|token"
          + "|(?:api|master|private|pre-shared|pyats|auth|shared|encryption|signing)[-_ .]?keys?)";

  /** {@code password=x}, {@code "secret": "x"}, {@code enablePassword=x}, {@code token: x}. */
  private static final Pattern ASSIGNED =
      Pattern.compile(
          "(?i)(" + NAMES + "[\"']?[ \\t]*[:=][ \\t]*)(\"[^\"]*\"|'[^']*'|[^\\s,;&)}\\]]+)");

  /** Device configuration: a secret-like word, an optional encryption type digit, the value. */
  private static final Pattern CONFIGURED =
      Pattern.compile(
          "(?i)(?<![\\w-])((?:secret|password|passphrase|community|key-string|pre-shared-key"
              + "|(?:tacacs|radius)-server[ \\t]+key)[ \\t]+(?:\\d[ \\t]+)?)"
              + "(?!(?:is|was|are|were|be|been|of|for|from|cannot|can|could|must|may|will|would"
              + "|should|has|have|had|and|or|but|the|a|an|to|in|on|at|by|not|no|with|without"
              + "|prompt|prompts|state|field|fields|length|policy|required|missing|set|stored"
              + "|value|values|changed|typed|entry|store|string|strings|file|files)\\b)"
              + "([^\\s\"',;]+)");

  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{4,}");

  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+:)[^@\\s/]+@");

  /** Every pattern above needs one of these (lower case) in the text. */
  private static final List<String> HINTS =
      List.of("pass", "pwd", "secret", "community", "token", "key", "bearer", "basic", "://");

  /** The hints by their first character (ASCII): most characters start none. */
  private static final String[][] HINTS_BY_FIRST = byFirstCharacter(HINTS);

  private SecretMasker() {}

  /**
   * {@code text} with every recognised secret value replaced by {@value #MASK}. Only the lines that
   * name a secret (and the line after each, where a credential may continue) are searched, so long
   * terminal output without such names costs one scan.
   */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int copied = 0;
    int lineStart = 0;
    while (lineStart < text.length()) {
      int lineEnd = endOfLine(text, lineStart);
      if (!mentionsSecret(text, lineStart, lineEnd)) {
        lineStart = lineEnd;
        continue;
      }
      int regionEnd = lineEnd;
      while (regionEnd < text.length()) {
        int next = endOfLine(text, regionEnd);
        boolean more = mentionsSecret(text, regionEnd, next);
        regionEnd = next;
        if (!more) {
          break;
        }
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, lineStart).append(maskRegion(text.substring(lineStart, regionEnd)));
      copied = regionEnd;
      lineStart = regionEnd;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static String maskRegion(String region) {
    String out = replace(ASSIGNED, region, true);
    out = replace(CONFIGURED, out, false);
    out = AUTHORIZATION.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
    return URL_PASSWORD.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
  }

  /** The index after the line starting at {@code start}, its {@code \n} included. */
  private static int endOfLine(String text, int start) {
    int newline = text.indexOf('\n', start);
    return newline < 0 ? text.length() : newline + 1;
  }

  /** A cheap first look (terminal output passes through here): is any of the names there? */
  private static boolean mentionsSecret(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      } else if (c >= 128) {
        c = Character.toLowerCase(c); // e.g. the Kelvin sign, which regionMatches takes for 'k'
      }
      if (c < HINTS_BY_FIRST.length && HINTS_BY_FIRST[c] != null) {
        for (String hint : HINTS_BY_FIRST[c]) {
          if (text.regionMatches(true, i, hint, 0, hint.length())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String[][] byFirstCharacter(List<String> words) {
    String[][] index = new String[128][];
    for (char first = 0; first < index.length; first++) {
      char c = first;
      String[] starting = words.stream().filter(w -> w.charAt(0) == c).toArray(String[]::new);
      index[first] = starting.length == 0 ? null : starting;
    }
    return index;
  }

  private static String replace(Pattern pattern, String text, boolean keepQuotes) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      String value = matcher.group(2);
      String masked = MASK;
      if (keepQuotes
          && value.length() >= 2
          && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
        masked = value.charAt(0) + MASK + value.charAt(0);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + masked));
    } while (matcher.find());
    matcher.appendTail(out);
    return out.toString();
  }
}
