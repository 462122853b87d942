package dev.patchbay.simulator.cli;

import dev.patchbay.simulator.cli.CommandPattern.Word;
import dev.patchbay.simulator.cli.CommandPattern.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** Matches input lines against the commands of a state, IOS style (word by word). */
final class CommandParser {

  private final boolean abbreviations;

  CommandParser(boolean abbreviations) {
    this.abbreviations = abbreviations;
  }

  ParseResult parse(List<CommandRule> rules, String line) {
    String trimmed = line.strip();
    for (CommandRule rule : rules) {
      if (rule.pattern() instanceof CommandPattern.Exact exact && exact.text().equals(trimmed)) {
        return new ParseResult.Match(rule, Map.of());
      }
      if (rule.pattern() instanceof CommandPattern.Regex regex) {
        Matcher matcher = regex.pattern().matcher(trimmed);
        if (matcher.matches()) {
          Map<String, String> args = new HashMap<>();
          for (int group = 1; group <= matcher.groupCount(); group++) {
            args.put(
                String.valueOf(group), matcher.group(group) == null ? "" : matcher.group(group));
          }
          return new ParseResult.Match(rule, args);
        }
      }
    }
    List<Token> tokens = Token.split(line);
    if (tokens.isEmpty()) {
      return new ParseResult.Empty();
    }
    return matchWords(rules, tokens, line);
  }

  private ParseResult matchWords(List<CommandRule> rules, List<Token> tokens, String line) {
    List<CommandRule> candidates = new ArrayList<>();
    for (CommandRule rule : rules) {
      if (rule.pattern() instanceof Words) {
        candidates.add(rule);
      }
    }
    if (candidates.isEmpty()) {
      return new ParseResult.Invalid(tokens.getFirst().start());
    }
    List<ParseResult.Match> restMatches = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      List<CommandRule> exact = new ArrayList<>();
      List<CommandRule> prefixed = new ArrayList<>();
      List<CommandRule> placeholders = new ArrayList<>();
      Set<String> prefixedWords = new LinkedHashSet<>();
      int bestCommonPrefix = 0;
      for (CommandRule rule : candidates) {
        List<Word> words = ((Words) rule.pattern()).words();
        if (i >= words.size()) {
          continue;
        }
        Word word = words.get(i);
        if (word.rest()) {
          restMatches.add(
              new ParseResult.Match(
                  rule,
                  withArg(
                      arguments(rule, tokens, i),
                      word.text(),
                      line.substring(token.start()).strip())));
        } else if (word.placeholder()) {
          placeholders.add(rule);
        } else if (sameWord(word.text(), token.text())) {
          exact.add(rule);
        } else if (abbreviations && isPrefix(token.text(), word.text())) {
          prefixed.add(rule);
          prefixedWords.add(word.text().toLowerCase());
        } else {
          bestCommonPrefix = Math.max(bestCommonPrefix, commonPrefix(token.text(), word.text()));
        }
      }
      if (!exact.isEmpty()) {
        candidates = exact;
      } else if (prefixedWords.size() > 1) {
        return new ParseResult.Ambiguous();
      } else if (!prefixed.isEmpty()) {
        candidates = prefixed;
      } else if (!placeholders.isEmpty()) {
        candidates = placeholders;
      } else if (!restMatches.isEmpty()) {
        return restMatches.getFirst();
      } else {
        return new ParseResult.Invalid(token.start() + bestCommonPrefix);
      }
    }
    for (CommandRule rule : candidates) {
      List<Word> words = ((Words) rule.pattern()).words();
      if (words.size() == tokens.size()) {
        return new ParseResult.Match(rule, arguments(rule, tokens, tokens.size()));
      }
    }
    if (!restMatches.isEmpty()) {
      return restMatches.getFirst();
    }
    return new ParseResult.Incomplete();
  }

  private static Map<String, String> arguments(CommandRule rule, List<Token> tokens, int count) {
    List<Word> words = ((Words) rule.pattern()).words();
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i < count; i++) {
      if (words.get(i).placeholder()) {
        args.put(words.get(i).text(), tokens.get(i).text());
      }
    }
    return args;
  }

  private static Map<String, String> withArg(Map<String, String> args, String name, String value) {
    args.put(name, value);
    return args;
  }

  private boolean sameWord(String word, String token) {
    return abbreviations ? word.equalsIgnoreCase(token) : word.equals(token);
  }

  private static boolean isPrefix(String prefix, String word) {
    return word.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static int commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length()
        && n < b.length()
        && Character.toLowerCase(a.charAt(n)) == Character.toLowerCase(b.charAt(n))) {
      n++;
    }
    return n;
  }

  /** A word of the input and its offset in the line. */
  private record Token(String text, int start) {

    static List<Token> split(String line) {
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < line.length()) {
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        int start = i;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        if (i > start) {
          tokens.add(new Token(line.substring(start, i), start));
        }
      }
      return tokens;
    }
  }
}
