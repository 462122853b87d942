package dev.patchbay.security.masking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The secret rules in force and how they mask text: only the lines that contain a rule's keyword
 * (and the line after each, where a credential may continue) are searched, so long terminal output
 * without such words costs one scan. Every rule runs on the original text and the secrets they find
 * are replaced together, so one rule's mask never hides a secret from another.
 */
public final class SecretRules {

  static final String MASK = "*****";
  static final String RESOURCE = "masking/secret-rules.yaml";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;

  private static final SecretRules BUILT_IN = load();

  private final List<SecretRule> rules;

  private static final int ASCII = 128;

  /** Keywords by their first two characters: {@link #byPrefix}. */
  private final String[][] keywordsByPrefix;

  /**
   * Whether some rule has no keyword (or one that starts outside ASCII), so every line must be
   * searched.
   */
  private final boolean everyLine;

  private SecretRules(List<SecretRule> rules) {
    this.rules = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (SecretRule rule : rules) {
      if (!names.add(rule.name())) {
        throw SecretRule.invalid(rule.family(), rule.name(), "another rule has the same name");
      }
    }
    List<String> keywords = rules.stream().flatMap(r -> r.keywords().stream()).distinct().toList();
    this.everyLine =
        rules.stream().anyMatch(r -> r.keywords().isEmpty())
            || keywords.stream().anyMatch(k -> k.chars().limit(2).anyMatch(c -> c >= ASCII));
    this.keywordsByPrefix = byPrefix(everyLine ? List.of() : keywords);
  }

  /** The rules of resource {@value #RESOURCE}. */
  public static SecretRules builtIn() {
    return BUILT_IN;
  }

  /** These rules and {@code added} (RE2/J patterns from configuration), checked. */
  public SecretRules with(List<SecretRule> added) {
    List<SecretRule> all = new ArrayList<>(rules);
    all.addAll(added);
    return new SecretRules(all);
  }

  public List<SecretRule> rules() {
    return rules;
  }

  /**
   * A rule from configuration: its pattern runs on RE2/J (linear time), case-insensitively with
   * {@code ^}/{@code $} at line breaks, as the built-in ones.
   *
   * @throws IllegalArgumentException naming the rule when it is unusable
   */
  public static SecretRule configured(
      String name, String pattern, List<Integer> groups, List<String> keywords, String example) {
    if (name == null || name.isBlank() || pattern == null) {
      throw SecretRule.invalid("configured", String.valueOf(name), "needs a name and a pattern");
    }
    com.google.re2j.Pattern compiled;
    try {
      compiled =
          com.google.re2j.Pattern.compile(
              pattern,
              com.google.re2j.Pattern.CASE_INSENSITIVE | com.google.re2j.Pattern.MULTILINE);
    } catch (com.google.re2j.PatternSyntaxException e) {
      throw SecretRule.invalid("configured", name, "pattern is not valid RE2: " + e.getMessage());
    }
    return new SecretRule(
        "configured",
        name,
        new Re2Finder(compiled),
        groups == null || groups.isEmpty() ? List.of(1) : groups,
        keywords == null ? List.of() : keywords,
        example);
  }

  /** {@code text} with every secret a rule finds replaced by {@value #MASK}; null stays null. */
  public String mask(String text) {
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
      String region = text.substring(lineStart, regionEnd);
      String masked = maskRegion(region);
      if (masked != region) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, lineStart).append(masked);
        copied = regionEnd;
      }
      lineStart = regionEnd;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Whether {@code text} contains a keyword of some rule (so a secret may follow). */
  public boolean mentionsSecret(String text) {
    return mentionsSecret(text, 0, text.length());
  }

  private String maskRegion(String region) {
    String lower = region.toLowerCase(Locale.ROOT);
    List<int[]> spans = new ArrayList<>();
    for (SecretRule rule : rules) {
      if (rule.mayMatch(lower)) {
        rule.finder().find(region, rule.groups(), spans);
      }
    }
    if (spans.isEmpty()) {
      return region;
    }
    spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    StringBuilder out = new StringBuilder(region.length());
    int copied = 0;
    boolean masked = false;
    for (int[] span : spans) {
      if (masked && (span[0] < copied || (span[0] == copied && span[1] == span[0]))) {
        copied = Math.max(copied, span[1]); // overlaps (or repeats) a secret already masked
        continue;
      }
      out.append(region, copied, span[0]).append(MASK);
      copied = span[1];
      masked = true;
    }
    return out.append(region, copied, region.length()).toString();
  }

  /** The index after the line starting at {@code start}, its {@code \n} included. */
  private static int endOfLine(String text, int start) {
    int newline = text.indexOf('\n', start);
    return newline < 0 ? text.length() : newline + 1;
  }

  /** A cheap first look (terminal output passes through here): is any keyword there? */
  private boolean mentionsSecret(String text, int start, int end) {
    if (everyLine) {
      return true;
    }
    char next = end > start ? fold(text.charAt(start)) : 0;
    for (int i = start; i < end; i++) {
      char c = next;
      next = i + 1 < end ? fold(text.charAt(i + 1)) : 0;
      if (c >= ASCII) {
        continue;
      }
      if (next < ASCII && mentions(keywordsByPrefix[c * ASCII + next], text, i)
          || next != 0 && mentions(keywordsByPrefix[c * ASCII], text, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(String[] keywords, String text, int at) {
    if (keywords != null) {
      for (String keyword : keywords) {
        if (startsWith(text, at, keyword)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code text} at {@code at}, {@link #fold folded}, starts with {@code keyword}. */
  private static boolean startsWith(String text, int at, String keyword) {
    if (at + keyword.length() > text.length()) {
      return false;
    }
    for (int j = 0; j < keyword.length(); j++) {
      if (fold(text.charAt(at + j)) != keyword.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code c} folded as a case-insensitive {@link String#regionMatches} compares it (upper case,
   * then lower), so that e.g. the Kelvin sign is found as 'k'; keywords are lower case.
   */
  private static char fold(char c) {
    if (c < ASCII) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  /**
   * Keywords by their first two characters (ASCII, lower case) at {@code first * 128 + second}, a
   * one-character keyword at {@code first * 128}; null where none starts so. Two characters, not
   * one: letters start some keyword almost everywhere in terminal output, and a case-insensitive
   * comparison at every such position was a quarter of the CPU of a streaming session.
   */
  private static String[][] byPrefix(List<String> words) {
    Map<Integer, List<String>> index = new HashMap<>();
    for (String word : words) {
      int slot = word.charAt(0) * ASCII + (word.length() > 1 ? word.charAt(1) : 0);
      index.computeIfAbsent(slot, k -> new ArrayList<>()).add(word);
    }
    String[][] table = new String[ASCII * ASCII][];
    index.forEach((slot, starting) -> table[slot] = starting.toArray(String[]::new));
    return table;
  }

  private static SecretRules load() {
    Map<String, Object> families;
    try (InputStream in = SecretRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing");
      }
      families = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    List<SecretRule> rules = new ArrayList<>();
    families.forEach(
        (family, list) -> {
          for (Object entry : (List<?>) list) {
            rules.add(builtIn(family, (Map<?, ?>) entry));
          }
        });
    return new SecretRules(rules);
  }

  private static SecretRule builtIn(String family, Map<?, ?> entry) {
    String name = String.valueOf(entry.get("name"));
    Object group = entry.containsKey("group") ? entry.get("group") : 1;
    List<Integer> groups = new ArrayList<>();
    for (Object g : group instanceof List<?> list ? list : List.of(group)) {
      groups.add(((Number) g).intValue());
    }
    Object keywords = entry.get("keywords");
    return new SecretRule(
        family,
        name,
        new JavaFinder(Pattern.compile(String.valueOf(entry.get("pattern")), FLAGS)),
        groups,
        keywords == null ? List.of() : ((List<?>) keywords).stream().map(String::valueOf).toList(),
        (String) entry.get("example"));
  }

  /** Built-in rules: java.util.regex. */
  private record JavaFinder(Pattern pattern) implements SecretRule.Finder {

    @Override
    public void find(String text, List<Integer> groups, List<int[]> spans) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        for (int g : groups) {
          if (m.start(g) >= 0) {
            spans.add(new int[] {m.start(g), m.end(g)});
          }
        }
      }
    }

    @Override
    public int groupCount() {
      return pattern.matcher("").groupCount();
    }
  }

  /** Rules from configuration: RE2/J. */
  private record Re2Finder(com.google.re2j.Pattern pattern) implements SecretRule.Finder {

    @Override
    public void find(String text, List<Integer> groups, List<int[]> spans) {
      com.google.re2j.Matcher m = pattern.matcher(text);
      while (m.find()) {
        for (int g : groups) {
          if (m.start(g) >= 0) {
            spans.add(new int[] {m.start(g), m.end(g)});
          }
        }
      }
    }

    @Override
    public int groupCount() {
      return pattern.groupCount();
    }
  }
}
