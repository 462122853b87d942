package dev.patchbay.inventory;

import java.util.regex.Pattern;

/**
 * Naming rules of the inventory, the same for REST and testbed import: testbed and device names are
 * 1..200, connection and credential names 1..100 characters of {@code A-Z a-z 0-9 . _ -}, and never
 * {@code .} or {@code ..} (each name is a URL path segment). Listing filters take globs ({@code *}
 * any run, {@code ?} one character).
 */
public final class Names {

  static final String PATTERN = "^(?!\\.\\.?$)[A-Za-z0-9._-]+$";
  public static final int MAX_NAME = 200;
  public static final int MAX_CHILD_NAME = 100;

  private static final Pattern NAME = Pattern.compile(PATTERN);

  private Names() {}

  /** Why {@code value} is not a valid name of at most {@code max} characters, or null. */
  public static String problem(String value, int max) {
    if (value == null || value.isEmpty()) {
      return "is required";
    }
    if (value.equals(".") || value.equals("..")) {
      return "must not be '.' or '..'";
    }
    if (value.length() > max || !NAME.matcher(value).matches()) {
      return "must be 1.." + max + " characters of A-Z, a-z, 0-9, '.', '_' or '-'";
    }
    return null;
  }

  /** A SQL LIKE pattern (escape character {@code \}) matching the same names as {@code glob}. */
  static String globToLike(String glob) {
    StringBuilder like = new StringBuilder(glob.length() + 4);
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> like.append('%');
        case '?' -> like.append('_');
        case '%', '_', '\\' -> like.append('\\').append(c);
        default -> like.append(c);
      }
    }
    return like.toString();
  }
}
