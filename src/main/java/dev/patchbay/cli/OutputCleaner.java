package dev.patchbay.cli;

import java.util.regex.Pattern;

/** Turns raw terminal output into the text a user means by "the output of the command". */
final class OutputCleaner {

  private static final Pattern ANSI =
      Pattern.compile(
          "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?"
              + "|\u001B[()][A-Za-z0-9]|\u001B[=>78DEHMc]");

  private static final int ECHO_SEARCH_LINES = 10;

  private OutputCleaner() {}

  static String stripAnsi(String text) {
    return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
  }

  /** Applies backspaces the way a terminal does (never across a line break). */
  static String applyBackspaces(String text) {
    if (text.indexOf('\b') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\b') {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
          out.setLength(out.length() - 1);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The output of {@code command}: escape sequences, pager prompts and their erasure, the echoed
   * command line and the final prompt line removed; line breaks normalised to {@code \n}.
   */
  static String commandOutput(String raw, String command, Pattern pager) {
    String text = stripAnsi(raw);
    if (pager != null) {
      text = pager.matcher(text).replaceAll("");
    }
    text = applyBackspaces(text).replace("\u0000", "");
    text = text.replace("\r\n", "\n");
    text = removeCarriageReturns(text);
    text = text.substring(afterEcho(text, command.strip()));
    int lastBreak = text.lastIndexOf('\n');
    text = lastBreak >= 0 ? text.substring(0, lastBreak) : "";
    return stripTrailingBlanks(text);
  }

  /**
   * Where the output starts: after the line echoing the command. Prompts redrawn before the echo
   * (after a window change, say) are skipped with it; only the first lines are searched.
   */
  private static int afterEcho(String text, String command) {
    int start = 0;
    for (int line = 0; line < ECHO_SEARCH_LINES; line++) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        return 0;
      }
      if (text.substring(start, end).strip().endsWith(command)) {
        return end + 1;
      }
      start = end + 1;
    }
    return 0;
  }

  /** A pager pattern plus the blanks and carriage returns that erase it. */
  static Pattern pagerArtefacts(String pagerRegex) {
    return CompiledPatterns.jdk("[ \\t]*(?:" + pagerRegex + ")[ \\t\\u0008]*(?:\\r(?!\\n))?");
  }

  private static String removeCarriageReturns(String text) {
    if (text.indexOf('\r') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        // a bare carriage return rewrites the line; keep what was written after it if it is not
        // only blanks, otherwise what was there before
        int next = text.indexOf('\n', i);
        int end = next < 0 ? text.length() : next;
        String after = text.substring(i + 1, end);
        if (!after.isBlank() && after.indexOf('\r') < 0) {
          out.setLength(lineStart);
        }
      } else {
        out.append(c);
        if (c == '\n') {
          lineStart = out.length();
        }
      }
    }
    return out.toString();
  }

  private static String stripTrailingBlanks(String text) {
    int end = text.length();
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
