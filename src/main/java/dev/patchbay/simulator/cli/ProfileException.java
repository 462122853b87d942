package dev.patchbay.simulator.cli;

/** A device profile could not be loaded; the message names the file, the YAML path and the line. */
public class ProfileException extends RuntimeException {

  private final String source;
  private final String yamlPath;
  private final int line;

  public ProfileException(String source, String yamlPath, int line, String problem) {
    this(source, yamlPath, line, problem, null);
  }

  public ProfileException(
      String source, String yamlPath, int line, String problem, Throwable cause) {
    super(source + ":" + line + ": " + yamlPath + ": " + problem, cause);
    this.source = source;
    this.yamlPath = yamlPath;
    this.line = line;
  }

  /** The file or resource the profile came from. */
  public String source() {
    return source;
  }

  /** Dotted path of the offending YAML node, e.g. {@code states.exec.commands[2].new-state}. */
  public String yamlPath() {
    return yamlPath;
  }

  /** 1-based line of the offending node. */
  public int line() {
    return line;
  }
}
