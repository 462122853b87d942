package dev.patchbay.parse;

import java.util.regex.Pattern;

/**
 * One rule of a state: the line regex and what a match does.
 *
 * @param pattern the translated regex, matched at the start of the line
 * @param groups the Java names of the groups that assign values
 * @param values for each of {@code groups}, the index of the value it assigns
 * @param lineOp {@code Next}, {@code Continue} or {@code Error}
 * @param recordOp what happens to the record before the line operation
 * @param newState the state to go to, or null to stay; for {@code Error}, the message or null
 * @param line the rule's template line
 */
record Rule(
    Pattern pattern,
    String[] groups,
    int[] values,
    LineOp lineOp,
    RecordOp recordOp,
    String newState,
    int line) {

  enum LineOp {
    NEXT,
    CONTINUE,
    ERROR
  }

  enum RecordOp {
    NO_RECORD,
    RECORD,
    CLEAR,
    CLEARALL
  }
}
