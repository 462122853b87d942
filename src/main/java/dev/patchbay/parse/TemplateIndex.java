package dev.patchbay.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An ntc-templates {@code index} file: comment lines ({@code #}), a header naming the columns
 * ({@code Template, Hostname, Platform, Command}), then one row per template. Platform, Hostname
 * and Command are regexes matched at the start of the value (as TextFSM's clitable does); {@code
 * [[xyz]]} in a command stands for {@code (x(y(z)?)?)?}. Several templates in one row are separated
 * by {@code :}. The first matching row wins.
 */
final class TemplateIndex {

  private static final Pattern COMPLETION = Pattern.compile("\\[\\[(.+?)]]");

  /** One row of the index. */
  record Entry(
      List<String> templates,
      String platform,
      String command,
      Pattern platformPattern,
      Pattern commandPattern,
      int line) {}

  private final List<Entry> entries;

  private TemplateIndex(List<Entry> entries) {
    this.entries = entries;
  }

  static TemplateIndex empty() {
    return new TemplateIndex(List.of());
  }

  /** Reads index text; {@link TemplateException} names the line of a bad row. */
  static TemplateIndex read(String text) {
    List<Entry> entries = new ArrayList<>();
    List<String> header = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
      if (header == null) {
        header = cells;
        for (String required : List.of("Template", "Platform", "Command")) {
          if (!header.contains(required)) {
            throw new TemplateException("the index header has no '" + required + "' column", i + 1);
          }
        }
        continue;
      }
      entries.add(entry(header, cells, i + 1));
    }
    return new TemplateIndex(List.copyOf(entries));
  }

  private static Entry entry(List<String> header, List<String> cells, int line) {
    if (cells.size() < header.size()) {
      throw new TemplateException(
          "an index row needs " + header.size() + " columns, found " + cells.size(), line);
    }
    String command =
        String.join(",", cells.subList(header.indexOf("Command"), cells.size())).strip();
    String platform = cells.get(header.indexOf("Platform"));
    List<String> templates =
        Arrays.stream(cells.get(header.indexOf("Template")).split(":")).map(String::strip).toList();
    for (String template : templates) {
      if (!TemplateLibrary.isTemplateName(template)) {
        throw new TemplateException("invalid template file name '" + template + "'", line);
      }
    }
    return new Entry(
        templates, platform, command, regex(platform, line), regex(expand(command), line), line);
  }

  /** {@code sh[[ow]]} → {@code sh(o(w)?)?}. */
  static String expand(String command) {
    Matcher m = COMPLETION.matcher(command);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String word = m.group(1);
      String expanded = "(" + String.join("(", word.split("")) + ")?".repeat(word.length());
      m.appendReplacement(out, Matcher.quoteReplacement(expanded));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Pattern regex(String python, int line) {
    try {
      return new PythonRegex().compile(python);
    } catch (PatternSyntaxException e) {
      throw new TemplateException(
          "invalid regular expression in the index: " + e.getDescription(), line);
    }
  }

  /**
   * The first row for one of {@code platforms} (in order) whose command matches {@code command}.
   */
  Optional<Entry> match(List<String> platforms, String command) {
    for (String platform : platforms) {
      for (Entry entry : entries) {
        if (entry.platformPattern().matcher(platform).lookingAt()
            && entry.commandPattern().matcher(command).lookingAt()) {
          return Optional.of(entry);
        }
      }
    }
    return Optional.empty();
  }

  List<Entry> entries() {
    return entries;
  }
}
