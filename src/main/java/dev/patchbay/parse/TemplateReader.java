package dev.patchbay.parse;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads TextFSM template text the way Python TextFSM 1.1 does: {@code Value} lines up to the first
 * blank line, then states separated by blank lines, each a name and rules indented by one or two
 * spaces or a tab; {@code #} lines are comments. Every error names its template line.
 */
final class TemplateReader {

  private static final int MAX_NAME_LENGTH = 48;
  private static final Pattern COMMENT = Pattern.compile("^\\s*#");
  private static final Pattern STATE_NAME = Pattern.compile("\\w+");
  private static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z_]\\w*");
  private static final Pattern MATCH_ACTION = Pattern.compile("(?<match>.*)(\\s->(?<action>.*))");
  private static final String LINE_OP = "(?<ln>Continue|Next|Error)";
  private static final String RECORD_OP = "(?<rec>Clear|Clearall|Record|NoRecord)";
  private static final String NEW_STATE = "(?<state>\\w+|\".*\")";
  private static final List<Pattern> ACTIONS =
      List.of(
          Pattern.compile("\\s+(" + LINE_OP + "(\\." + RECORD_OP + ")?)(\\s+" + NEW_STATE + ")?"),
          Pattern.compile("\\s+" + RECORD_OP + "(\\s+" + NEW_STATE + ")?"),
          Pattern.compile("(\\s+" + NEW_STATE + ")?"));
  private static final Set<String> RESERVED =
      Set.of("Continue", "Next", "Error", "Clear", "Clearall", "Record", "NoRecord");

  private final String[] lines;
  private final PythonRegex regex = new PythonRegex();
  private final List<ValueDef> values = new ArrayList<>();
  private final Map<String, Integer> valueIndex = new LinkedHashMap<>();
  private final Map<String, List<Rule>> states = new LinkedHashMap<>();
  private final Map<Rule, String> ruleStates = new LinkedHashMap<>();
  private int next;

  private TemplateReader(String text) {
    this.lines = text.split("\r?\n", -1);
  }

  static TextFsm read(String text) {
    if (text == null || text.isBlank()) {
      throw new TemplateException("the template is empty", 0);
    }
    return new TemplateReader(text).read();
  }

  private TextFsm read() {
    readValues();
    while (readState()) {
      // one state per call
    }
    validate();
    return new TextFsm(List.copyOf(values), states);
  }

  private void readValues() {
    while (next < lines.length) {
      String line = lines[next++].stripTrailing();
      if (line.isEmpty()) {
        return;
      }
      if (COMMENT.matcher(line).lookingAt()) {
        continue;
      }
      if (!line.startsWith("Value ")) {
        throw new TemplateException(
            values.isEmpty()
                ? "expected a 'Value' line, found '" + line + "'"
                : "expected a blank line after the last Value, found '" + line + "'",
            next);
      }
      value(line);
    }
  }

  private void value(String line) {
    String[] tokens = line.split(" ", -1);
    if (tokens.length < 3) {
      throw new TemplateException("a Value line needs a name and a regex", next);
    }
    Set<ValueOption> options = EnumSet.noneOf(ValueOption.class);
    int nameAt = 1;
    if (!tokens[2].startsWith("(")) {
      nameAt = 2;
      for (String spelling : tokens[1].split(",", -1)) {
        ValueOption option = ValueOption.of(spelling);
        if (option == null) {
          throw new TemplateException("unknown Value option '" + spelling + "'", next);
        }
        if (!options.add(option)) {
          throw new TemplateException("duplicate Value option '" + spelling + "'", next);
        }
      }
    }
    String name = tokens[nameAt];
    String pattern = String.join(" ", List.of(tokens).subList(nameAt + 1, tokens.length));
    if (name.length() > MAX_NAME_LENGTH || !VALUE_NAME.matcher(name).matches()) {
      throw new TemplateException("invalid Value name '" + name + "'", next);
    }
    if (valueIndex.containsKey(name)) {
      throw new TemplateException("duplicate Value '" + name + "'", next);
    }
    if (pattern.length() < 2
        || pattern.charAt(0) != '('
        || !pattern.endsWith(")")
        || pattern.charAt(pattern.length() - 2) == '\\') {
      throw new TemplateException(
          "the regex of Value '" + name + "' must be enclosed in '()': " + pattern, next);
    }
    Pattern compiled = compile(pattern, "Value '" + name + "'");
    Pattern nested =
        options.contains(ValueOption.LIST) && compiled.namedGroups().size() > 0 ? compiled : null;
    Map<String, String> nestedNames = new LinkedHashMap<>();
    compiled.namedGroups().keySet().forEach(g -> nestedNames.put(g, regex.pythonName(g)));
    valueIndex.put(name, values.size());
    values.add(
        new ValueDef(
            name, "(?P<" + name + ">" + pattern.substring(1), options, nested, nestedNames));
  }

  /** Reads one state; false at the end of the template. */
  private boolean readState() {
    String name = null;
    while (next < lines.length && name == null) {
      String line = lines[next++].stripTrailing();
      if (line.isEmpty() || COMMENT.matcher(line).lookingAt()) {
        continue;
      }
      if (!STATE_NAME.matcher(line).matches()
          || line.length() > MAX_NAME_LENGTH
          || RESERVED.contains(line)) {
        throw new TemplateException("invalid state name '" + line + "'", next);
      }
      if (states.containsKey(line)) {
        throw new TemplateException("duplicate state '" + line + "'", next);
      }
      name = line;
    }
    if (name == null) {
      return false;
    }
    List<Rule> rules = new ArrayList<>();
    states.put(name, rules);
    while (next < lines.length) {
      String line = lines[next++].stripTrailing();
      if (line.isEmpty()) {
        break;
      }
      if (COMMENT.matcher(line).lookingAt()) {
        continue;
      }
      if (!(line.startsWith(" ^") || line.startsWith("  ^") || line.startsWith("\t^"))) {
        throw new TemplateException(
            "a rule starts with one or two spaces or a tab, then '^': '" + line + "'", next);
      }
      Rule rule = rule(line.strip());
      rules.add(rule);
      ruleStates.put(rule, name);
    }
    return true;
  }

  private Rule rule(String line) {
    Matcher matchAction = MATCH_ACTION.matcher(line);
    boolean hasAction = matchAction.matches();
    String match = hasAction ? matchAction.group("match") : line;
    Pattern pattern = compile(substitute(match), "rule");
    List<String> groups = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    pattern.namedGroups().entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            group -> {
              Integer index = valueIndex.get(regex.pythonName(group.getKey()));
              if (index != null) {
                groups.add(group.getKey());
                indexes.add(index);
              }
            });
    Rule.LineOp lineOp = Rule.LineOp.NEXT;
    Rule.RecordOp recordOp = Rule.RecordOp.NO_RECORD;
    String newState = null;
    if (hasAction) {
      Matcher action = action(matchAction.group("action"), line);
      if (group(action, "ln") != null) {
        lineOp = Rule.LineOp.valueOf(action.group("ln").toUpperCase(java.util.Locale.ROOT));
      }
      if (group(action, "rec") != null) {
        recordOp = recordOp(action.group("rec"));
      }
      newState = group(action, "state");
      if (lineOp == Rule.LineOp.CONTINUE && newState != null) {
        throw new TemplateException("'Continue' cannot change state: '" + line + "'", next);
      }
      if (lineOp != Rule.LineOp.ERROR && newState != null && newState.startsWith("\"")) {
        throw new TemplateException("a state name is a word: '" + line + "'", next);
      }
      if (lineOp == Rule.LineOp.ERROR && newState != null && newState.startsWith("\"")) {
        newState = newState.substring(1, newState.length() - 1);
      }
    }
    return new Rule(
        pattern,
        groups.toArray(String[]::new),
        indexes.stream().mapToInt(Integer::intValue).toArray(),
        lineOp,
        recordOp,
        newState,
        next);
  }

  private Matcher action(String text, String line) {
    for (Pattern candidate : ACTIONS) {
      Matcher action = candidate.matcher(text);
      if (action.matches()) {
        return action;
      }
    }
    throw new TemplateException("badly formatted rule action: '" + line + "'", next);
  }

  private static String group(Matcher matcher, String name) {
    return matcher.pattern().namedGroups().containsKey(name) ? matcher.group(name) : null;
  }

  private static Rule.RecordOp recordOp(String spelling) {
    return switch (spelling) {
      case "Record" -> Rule.RecordOp.RECORD;
      case "Clear" -> Rule.RecordOp.CLEAR;
      case "Clearall" -> Rule.RecordOp.CLEARALL;
      default -> Rule.RecordOp.NO_RECORD;
    };
  }

  /**
   * Python {@code string.Template} substitution: {@code ${NAME}} and {@code $NAME} become the
   * value's regex, {@code $$} a literal {@code $}; any other {@code $} is an error.
   */
  private String substitute(String match) {
    StringBuilder out = new StringBuilder(match.length() + 32);
    int i = 0;
    while (i < match.length()) {
      char c = match.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      String name;
      int end;
      if (match.startsWith("$$", i)) {
        out.append('$');
        i += 2;
        continue;
      } else if (match.startsWith("${", i) && match.indexOf('}', i) > 0) {
        end = match.indexOf('}', i);
        name = match.substring(i + 2, end);
        end++;
      } else {
        Matcher word = VALUE_NAME.matcher(match).region(i + 1, match.length());
        end = word.lookingAt() ? word.end() : i + 1;
        name = end > i + 1 ? match.substring(i + 1, end) : null;
      }
      Integer index = name == null ? null : valueIndex.get(name);
      if (index == null) {
        throw new TemplateException(
            "invalid variable substitution in '"
                + match
                + "': write ${VALUE} for a Value, $$ for a literal $",
            next);
      }
      out.append(values.get(index).template());
      i = end;
    }
    return out.toString();
  }

  private Pattern compile(String python, String what) {
    try {
      return regex.compile(python);
    } catch (PatternSyntaxException e) {
      throw new TemplateException(
          "invalid regular expression in " + what + ": " + e.getDescription() + " in " + python,
          next);
    }
  }

  private void validate() {
    if (!states.containsKey("Start")) {
      throw new TemplateException("the template has no 'Start' state", 0);
    }
    for (String reserved : List.of("End", "EOF")) {
      if (states.containsKey(reserved) && !states.get(reserved).isEmpty()) {
        throw new TemplateException(
            "the '" + reserved + "' state must be empty", states.get(reserved).getFirst().line());
      }
    }
    states.remove("End");
    ruleStates.forEach(
        (rule, state) -> {
          String target = rule.newState();
          if (rule.lineOp() != Rule.LineOp.ERROR
              && target != null
              && !target.equals("End")
              && !target.equals("EOF")
              && !states.containsKey(target)) {
            throw new TemplateException(
                "state '" + target + "' does not exist (referenced in state '" + state + "')",
                rule.line());
          }
        });
  }
}
