package dev.patchbay.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates the Python {@code re} dialect TextFSM templates are written in to {@code
 * java.util.regex}: {@code (?P<name>…)} and {@code (?P=name)} become Java named groups and
 * back-references, {@code \Z} becomes {@code \z}, a {@code {} that is no quantifier and {@code [}
 * or {@code &} inside a character class become literals, as Python reads them. Java group names
 * allow letters and digits only, so every Python name is mapped to {@code g1}, {@code g2}, … once
 * per template; {@link #pythonName} maps back.
 */
final class PythonRegex {

  private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d*)(,\\d*)?}");

  private final Map<String, String> toJava = new HashMap<>();
  private final Map<String, String> toPython = new HashMap<>();

  /** The Java group name of Python group {@code name}, assigned on first use. */
  String javaName(String name) {
    return toJava.computeIfAbsent(
        name,
        n -> {
          String java = "g" + (toJava.size() + 1);
          toPython.put(java, n);
          return java;
        });
  }

  /** The Python name of Java group {@code java}. */
  String pythonName(String java) {
    return toPython.get(java);
  }

  /** Compiles Python regex {@code regex}; {@link PatternSyntaxException} when it is invalid. */
  Pattern compile(String regex) {
    return Pattern.compile(translate(regex));
  }

  String translate(String regex) {
    StringBuilder out = new StringBuilder(regex.length() + 16);
    boolean inClass = false;
    int classBody = -1;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char next = regex.charAt(i + 1);
        out.append('\\').append(next == 'Z' && !inClass ? 'z' : next);
        i += 2;
      } else if (inClass) {
        if (c == ']' && i > classBody) {
          inClass = false;
          out.append(c);
        } else if (c == '[' || c == '&' || c == ']') {
          out.append('\\').append(c);
        } else {
          out.append(c);
        }
        i++;
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        i++;
        if (i < regex.length() && regex.charAt(i) == '^') {
          out.append('^');
          i++;
        }
        classBody = i;
      } else if (regex.startsWith("(?P<", i)) {
        int end = closing(regex, i + 4, '>');
        out.append("(?<").append(javaName(regex.substring(i + 4, end))).append('>');
        i = end + 1;
      } else if (regex.startsWith("(?P=", i)) {
        int end = closing(regex, i + 4, ')');
        out.append("\\k<").append(javaName(regex.substring(i + 4, end))).append('>');
        i = end + 1;
      } else if (c == '{') {
        i = quantifierOrLiteral(regex, i, out);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Copies a quantifier at {@code i} ({@code {,m}} as {@code {0,m}}), else a literal brace. */
  private static int quantifierOrLiteral(String regex, int i, StringBuilder out) {
    Matcher m = QUANTIFIER.matcher(regex).region(i, regex.length());
    if (m.lookingAt()
        && (!m.group(1).isEmpty() || (m.group(2) != null && m.group(2).length() > 1))) {
      out.append('{').append(m.group(1).isEmpty() ? "0" : m.group(1));
      if (m.group(2) != null) {
        out.append(m.group(2));
      }
      out.append('}');
      return m.end();
    }
    out.append("\\{");
    return i + 1;
  }

  private static int closing(String regex, int from, char close) {
    int end = regex.indexOf(close, from);
    if (end < 0) {
      throw new PatternSyntaxException("unterminated group name", regex, from);
    }
    return end;
  }
}
