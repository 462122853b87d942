package dev.patchbay.parse;

/** The options of a TextFSM {@code Value} line, spelled as templates spell them. */
public enum ValueOption {
  /** Keeps the value for the next records until it is assigned again or {@code Clearall}. */
  FILLDOWN("Filldown"),
  /** Copies a newly assigned value up into earlier records that have it empty. */
  FILLUP("Fillup"),
  /** Marks a column that identifies a row (used when several templates' rows are joined). */
  KEY("Key"),
  /** A record without this value is not emitted. */
  REQUIRED("Required"),
  /** Collects every match of the record into a list instead of keeping the last one. */
  LIST("List");

  private final String spelling;

  ValueOption(String spelling) {
    this.spelling = spelling;
  }

  static ValueOption of(String spelling) {
    for (ValueOption option : values()) {
      if (option.spelling.equals(spelling)) {
        return option;
      }
    }
    return null;
  }
}
