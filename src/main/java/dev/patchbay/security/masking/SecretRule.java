package dev.patchbay.security.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One kind of secret-bearing line as data: a pattern, the capturing groups that hold the secret,
 * the keywords that must occur for it to be tried, and an example line it must mask. Built-in rules
 * (resource {@code masking/secret-rules.yaml}) run on java.util.regex, which they may need for
 * lookaround; rules added by configuration run on RE2/J, whose matching time is linear.
 */
public record SecretRule(
    String family,
    String name,
    Finder finder,
    List<Integer> groups,
    List<String> keywords,
    String example) {

  /** Finds secrets in text: adds the {@code [start, end)} span of each to {@code spans}. */
  public interface Finder {

    void find(String text, List<Integer> groups, List<int[]> spans);

    int groupCount();
  }

  public SecretRule {
    groups = List.copyOf(groups);
    keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    if (groups.isEmpty() || groups.stream().anyMatch(g -> g < 1 || g > finder.groupCount())) {
      throw invalid(
          family,
          name,
          "group must name capturing groups of the pattern (1 to " + finder.groupCount() + ")");
    }
    if (example == null || secretsOf(finder, groups, example).isEmpty()) {
      throw invalid(family, name, "needs an example line in which it finds a secret");
    }
  }

  /** The secret values this rule finds in {@code text} (its example, say), in order. */
  public List<String> secretsIn(String text) {
    return secretsOf(finder, groups, text);
  }

  /** Whether {@code lowerCaseText} contains a keyword (or the rule has none, so always). */
  boolean mayMatch(String lowerCaseText) {
    if (keywords.isEmpty()) {
      return true;
    }
    for (String keyword : keywords) {
      if (lowerCaseText.contains(keyword)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> secretsOf(Finder finder, List<Integer> groups, String text) {
    List<int[]> spans = new ArrayList<>();
    finder.find(text, groups, spans);
    return spans.stream().filter(s -> s[1] > s[0]).map(s -> text.substring(s[0], s[1])).toList();
  }

  static IllegalArgumentException invalid(String family, String name, String problem) {
    return new IllegalArgumentException("secret rule '" + name + "' (" + family + "): " + problem);
  }
}
