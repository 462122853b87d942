package dev.patchbay.parse;

/** A template that is not valid TextFSM, with the 1-based template line at fault (0: none). */
public class TemplateException extends RuntimeException {

  private final int line;

  public TemplateException(String message, int line) {
    super(line > 0 ? message + " (template line " + line + ")" : message);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
