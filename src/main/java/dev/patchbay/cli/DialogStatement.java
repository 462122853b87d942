package dev.patchbay.cli;

import com.google.re2j.Pattern;

/**
 * One {@code pattern → reply} step of a dialog: when the last line of the output matches {@code
 * pattern}, {@code reply} is sent followed by a newline. A statement without {@code loop} answers
 * once per command; with {@code loop} it answers every time it matches.
 */
public record DialogStatement(Pattern pattern, String reply, boolean loop) {

  public DialogStatement {
    if (pattern == null || reply == null) {
      throw new IllegalArgumentException("a dialog statement needs a pattern and a reply");
    }
  }

  /** A one-shot statement from a regular expression. */
  public static DialogStatement of(String regex, String reply) {
    return new DialogStatement(Pattern.compile(regex), reply, false);
  }
}
