package dev.patchbay.simulator.cli;

import java.util.List;
import java.util.regex.Pattern;

/** What input a {@link CommandRule} answers to. */
public sealed interface CommandPattern {

  /**
   * Space-separated words matched one by one (abbreviations allowed when the profile allows them);
   * {@code <name>} matches any single word, {@code <name...>} the rest of the line.
   */
  record Words(List<Word> words) implements CommandPattern {

    /** Parses the {@code cmd} syntax of a profile. */
    public static Words parse(String syntax) {
      return new Words(
          java.util.Arrays.stream(syntax.strip().split("\\s+"))
              .filter(token -> !token.isEmpty())
              .map(Word::parse)
              .toList());
    }
  }

  /** A regular expression matching the whole (trimmed) line; groups become {@code {1}}, ... */
  record Regex(Pattern pattern) implements CommandPattern {}

  /** The trimmed line must equal {@code text} exactly (unicon mock data semantics). */
  record Exact(String text) implements CommandPattern {}

  /** One word of a {@link Words} pattern. */
  record Word(String text, boolean placeholder, boolean rest) {

    static Word parse(String token) {
      if (token.startsWith("<") && token.endsWith(">") && token.length() > 2) {
        String name = token.substring(1, token.length() - 1);
        boolean rest = name.endsWith("...");
        return new Word(rest ? name.substring(0, name.length() - 3) : name, true, rest);
      }
      return new Word(token, false, false);
    }
  }
}
