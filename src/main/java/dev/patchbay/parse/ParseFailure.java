package dev.patchbay.parse;

/**
 * A template's {@code Error} action stopped parsing: {@code line} is the rule's template line,
 * {@code inputLine} the 1-based line of the text it matched.
 */
public class ParseFailure extends RuntimeException {

  private final int line;
  private final int inputLine;

  ParseFailure(String message, int line, int inputLine) {
    super(message + " (template line " + line + ", input line " + inputLine + ")");
    this.line = line;
    this.inputLine = inputLine;
  }

  public int line() {
    return line;
  }

  public int inputLine() {
    return inputLine;
  }
}
