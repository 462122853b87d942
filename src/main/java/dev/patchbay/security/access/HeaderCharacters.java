package dev.patchbay.security.access;

import java.util.function.Predicate;

/**
 * The HTTP firewall's rule for header names and values (Spring Security's defaults: every character
 * assigned and not a control character; values may also hold tabs) checked by a loop over code
 * points instead of a regular expression, since the firewall checks each header on every access.
 */
public final class HeaderCharacters {

  /** A header name: only assigned, non-control characters. */
  public static final Predicate<String> NAME = text -> printable(text, false);

  /** A header value: as a name, plus horizontal tabs. */
  public static final Predicate<String> VALUE = text -> printable(text, true);

  private HeaderCharacters() {}

  /** Absent (null) passes, as with Spring Security's own predicates. */
  private static boolean printable(String text, boolean tabAllowed) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == '\t' && tabAllowed) {
        continue;
      }
      int type = Character.getType(codePoint);
      if (type == Character.UNASSIGNED || type == Character.CONTROL) {
        return false;
      }
    }
    return true;
  }
}
