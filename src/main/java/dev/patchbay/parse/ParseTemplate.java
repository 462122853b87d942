package dev.patchbay.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compiled template(s) chosen for one command: usually one; an index row naming several has
 * their rows joined as TextFSM's clitable does (on the first template's {@code Key} values, else
 * row by row).
 *
 * @param name the template file name, several joined by {@code :}
 * @param source {@code directory} ({@code patchbay.parse.templates-dir}), {@code built-in} or
 *     {@code inline}
 */
public record ParseTemplate(String name, String source, List<TextFsm> fsms) {

  /** Rows as objects with lower-case keys; {@link ParseFailure} from an {@code Error} rule. */
  List<Map<String, Object>> parse(String text) {
    TextFsm first = fsms.getFirst();
    List<Map<String, Object>> rows = first.parseToRecords(text);
    List<String> keys = first.keys().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    for (TextFsm more : fsms.subList(1, fsms.size())) {
      rows = join(rows, more.parseToRecords(text), keys);
    }
    return rows;
  }

  private static List<Map<String, Object>> join(
      List<Map<String, Object>> rows, List<Map<String, Object>> others, List<String> keys) {
    List<Map<String, Object>> joined = new ArrayList<>(rows.size());
    List<String> added =
        others.isEmpty()
            ? List.of()
            : others.getFirst().keySet().stream()
                .filter(k -> rows.isEmpty() || !rows.getFirst().containsKey(k))
                .toList();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>(rows.get(i));
      Map<String, Object> match =
          keys.isEmpty() ? (i < others.size() ? others.get(i) : null) : null;
      for (Map<String, Object> other : keys.isEmpty() ? List.<Map<String, Object>>of() : others) {
        if (keys.stream()
            .allMatch(k -> String.valueOf(row.get(k)).equals(String.valueOf(other.get(k))))) {
          match = other;
          break;
        }
      }
      for (String column : added) {
        row.put(column, match == null ? "" : match.get(column));
      }
      joined.add(row);
    }
    return joined;
  }
}
