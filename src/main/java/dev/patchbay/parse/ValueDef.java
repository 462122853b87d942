package dev.patchbay.parse;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code Value} of a template.
 *
 * @param name the name as written (the column)
 * @param template the Python regex with its outer group named, substituted for {@code ${name}}
 * @param options its options
 * @param nested for a {@code List} value whose regex has named groups: the regex, whose matches
 *     become one object per list entry; else null
 * @param nestedNames the Python names of {@code nested}'s Java group names
 */
record ValueDef(
    String name,
    String template,
    Set<ValueOption> options,
    Pattern nested,
    Map<String, String> nestedNames) {

  boolean has(ValueOption option) {
    return options.contains(option);
  }
}
