package dev.patchbay.io;

import dev.patchbay.api.ProblemType;
import java.util.Map;

/**
 * The device answered a command with an error pattern ({@code % Invalid input}, …). For a
 * configuration, {@link #line()} is the 1-based number of the rejected line (0 for an execute).
 */
public class CommandErrorException extends ConnectionException {

  private final String command;
  private final int line;

  public CommandErrorException(String command, int line, String output) {
    super(
        ProblemType.COMMAND_ERROR,
        line > 0
            ? "configuration line " + line + " '" + command + "' was rejected"
            : "command '" + command + "' was rejected",
        output,
        null,
        line > 0 ? Map.of("command", command, "line", line) : Map.of("command", command));
    this.command = command;
    this.line = line;
  }

  public String command() {
    return command;
  }

  public int line() {
    return line;
  }
}
