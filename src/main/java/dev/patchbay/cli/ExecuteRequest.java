package dev.patchbay.cli;

import com.google.re2j.Pattern;
import java.time.Duration;
import java.util.List;

/**
 * One command to run. {@code timeout} null means the connection's execute timeout; {@code prompt}
 * null means any prompt of the OS profile (with the learned hostname); {@code dialogs} are tried in
 * order before the prompt; {@code errorPatterns} null means the profile's error patterns.
 */
public record ExecuteRequest(
    String command,
    Duration timeout,
    Pattern prompt,
    List<DialogStatement> dialogs,
    List<Pattern> errorPatterns) {

  public ExecuteRequest {
    if (command == null || command.contains("\n") || command.contains("\r")) {
      throw new IllegalArgumentException("a command is one line of text");
    }
    dialogs = dialogs == null ? List.of() : List.copyOf(dialogs);
    errorPatterns = errorPatterns == null ? null : List.copyOf(errorPatterns);
  }

  /** A command with every default. */
  public static ExecuteRequest of(String command) {
    return new ExecuteRequest(command, null, null, List.of(), null);
  }

  public ExecuteRequest withTimeout(Duration value) {
    return new ExecuteRequest(command, value, prompt, dialogs, errorPatterns);
  }

  public ExecuteRequest withDialogs(List<DialogStatement> value) {
    return new ExecuteRequest(command, timeout, prompt, value, errorPatterns);
  }

  public ExecuteRequest withPrompt(Pattern value) {
    return new ExecuteRequest(command, timeout, value, dialogs, errorPatterns);
  }
}
