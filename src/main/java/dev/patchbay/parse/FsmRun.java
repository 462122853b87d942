package dev.patchbay.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** One run of a template over one text: the current record, the filled-down values, the rows. */
final class FsmRun {

  private final List<ValueDef> values;
  private final Map<String, List<Rule>> states;
  private final String[] current;
  private final String[] filldown;
  private final List<List<Object>> lists;
  private final List<Object[]> rows = new ArrayList<>();

  FsmRun(List<ValueDef> values, Map<String, List<Rule>> states) {
    this.values = values;
    this.states = states;
    this.current = new String[values.size()];
    this.filldown = new String[values.size()];
    this.lists = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      lists.add(new ArrayList<>());
    }
  }

  List<List<Object>> run(String text) {
    String state = "Start";
    List<Rule> rules = states.get(state);
    String[] lines = text.split("\r\n|\n|\r", -1);
    int count = lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      String target = checkLine(rules, lines[i], i + 1);
      if (target != null) {
        state = target;
        if (state.equals("End") || state.equals("EOF")) {
          break;
        }
        rules = states.get(state);
      }
    }
    if (!state.equals("End") && !states.containsKey("EOF")) {
      record();
    }
    List<List<Object>> result = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      result.add(Arrays.asList(row));
    }
    return result;
  }

  /** Applies the first matching rules to {@code line}; the state to go to, or null. */
  private String checkLine(List<Rule> rules, String line, int lineNumber) {
    for (Rule rule : rules) {
      Matcher matcher = rule.pattern().matcher(line);
      if (!matcher.lookingAt()) {
        continue;
      }
      for (int g = 0; g < rule.groups().length; g++) {
        assign(rule.values()[g], matcher.group(rule.groups()[g]));
      }
      switch (rule.recordOp()) {
        case RECORD -> record();
        case CLEAR -> clear();
        case CLEARALL -> clearAll();
        case NO_RECORD -> {}
      }
      if (rule.lineOp() == Rule.LineOp.ERROR) {
        throw new ParseFailure(
            rule.newState() != null ? rule.newState() : "the template's Error rule matched",
            rule.line(),
            lineNumber);
      }
      if (rule.lineOp() == Rule.LineOp.NEXT) {
        return rule.newState();
      }
    }
    return null;
  }

  private void assign(int index, String value) {
    ValueDef def = values.get(index);
    current[index] = value;
    if (def.has(ValueOption.FILLDOWN)) {
      filldown[index] = value;
    }
    if (def.has(ValueOption.LIST) && value != null) {
      lists.get(index).add(listEntry(def, value));
    }
    if (def.has(ValueOption.FILLUP) && value != null && !value.isEmpty()) {
      for (int r = rows.size() - 1; r >= 0; r--) {
        Object[] row = rows.get(r);
        if (!"".equals(row[index])) {
          break;
        }
        row[index] = value;
      }
    }
  }

  /** A List entry: the string, or for a regex with named groups, an object of their matches. */
  private static Object listEntry(ValueDef def, String value) {
    if (def.nested() == null) {
      return value;
    }
    Matcher matcher = def.nested().matcher(value);
    if (!matcher.lookingAt()) {
      return value;
    }
    Map<String, String> entry = new LinkedHashMap<>();
    def.nested().namedGroups().entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(g -> entry.put(def.nestedNames().get(g.getKey()), matcher.group(g.getValue())));
    return entry;
  }

  private void record() {
    if (values.isEmpty()) {
      return;
    }
    Object[] row = new Object[values.size()];
    boolean empty = true;
    for (int i = 0; i < values.size(); i++) {
      ValueDef def = values.get(i);
      Object value = def.has(ValueOption.LIST) ? List.copyOf(lists.get(i)) : current[i];
      if (def.has(ValueOption.REQUIRED) && isEmpty(value)) {
        clear();
        return;
      }
      empty &= value == null || (value instanceof List<?> list && list.isEmpty());
      row[i] = value == null ? "" : value;
    }
    if (empty) {
      return;
    }
    rows.add(row);
    clear();
  }

  private static boolean isEmpty(Object value) {
    return value == null
        || (value instanceof String s && s.isEmpty())
        || (value instanceof List<?> l && l.isEmpty());
  }

  private void clear() {
    for (int i = 0; i < values.size(); i++) {
      ValueDef def = values.get(i);
      current[i] = def.has(ValueOption.FILLDOWN) ? filldown[i] : null;
      if (def.has(ValueOption.LIST) && !def.has(ValueOption.FILLDOWN)) {
        lists.get(i).clear();
      }
    }
  }

  private void clearAll() {
    Arrays.fill(current, null);
    Arrays.fill(filldown, null);
    lists.forEach(List::clear);
  }
}
