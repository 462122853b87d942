package dev.patchbay.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A compiled TextFSM template (the language of Google's Python TextFSM, which ntc-templates is
 * written in): immutable and safe to share between threads. {@link #parse} runs the state machine
 * over text and returns one row per record.
 *
 * <p>Regexes are {@code java.util.regex} after {@link PythonRegex} translation: templates are
 * trusted operator files, and a pathological regex can backtrack as long as it would in Python.
 */
public final class TextFsm {

  private final List<ValueDef> values;
  private final Map<String, List<Rule>> states;

  TextFsm(List<ValueDef> values, Map<String, List<Rule>> states) {
    this.values = values;
    this.states = Map.copyOf(states);
  }

  /** Compiles template text; {@link TemplateException} names the line of a bad template. */
  public static TextFsm compile(String template) {
    return TemplateReader.read(template);
  }

  /** The value names, in declaration order: the columns of every row. */
  public List<String> header() {
    return values.stream().map(ValueDef::name).toList();
  }

  /** The names of the {@code Key} values. */
  public List<String> keys() {
    return values.stream().filter(v -> v.has(ValueOption.KEY)).map(ValueDef::name).toList();
  }

  /**
   * Parses {@code text} line by line from the {@code Start} state. Each row holds a string per
   * value ({@code ""} when unset) or a list for a {@code List} value; {@link ParseFailure} when an
   * {@code Error} action matches.
   */
  public List<List<Object>> parse(String text) {
    return new FsmRun(values, states).run(text == null ? "" : text);
  }

  /** {@link #parse}, each row as an object keyed by the lower-cased value names. */
  public List<Map<String, Object>> parseToRecords(String text) {
    return toRecords(header(), parse(text));
  }

  static List<Map<String, Object>> toRecords(List<String> header, List<List<Object>> rows) {
    List<String> keys = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    List<Map<String, Object>> records = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      Map<String, Object> record = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        record.put(keys.get(i), row.get(i));
      }
      records.add(record);
    }
    return records;
  }
}
