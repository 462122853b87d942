package dev.patchbay.cli;

import com.google.re2j.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One command to run. {@code timeout} null means the connection's execute timeout; {@code prompt}
 * null means any prompt of the OS profile (with the learned hostname); {@code dialogs} are tried in
 * order before the prompt; {@code errorPatterns} null means the profile's error patterns. {@code
 * cancelled}, when not null, is asked while the command runs: once it answers true the command ends
 * as a timed-out one would (interrupted, the prompt awaited in the background).
 */
public record ExecuteRequest(
    String command,
    Duration timeout,
    Pattern prompt,
    List<DialogStatement> dialogs,
    List<Pattern> errorPatterns,
    BooleanSupplier cancelled) {

  public ExecuteRequest(
      String command,
      Duration timeout,
      Pattern prompt,
      List<DialogStatement> dialogs,
      List<Pattern> errorPatterns) {
    this(command, timeout, prompt, dialogs, errorPatterns, null);
  }

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
    return new ExecuteRequest(command, value, prompt, dialogs, errorPatterns, cancelled);
  }

  public ExecuteRequest withDialogs(List<DialogStatement> value) {
    return new ExecuteRequest(command, timeout, prompt, value, errorPatterns, cancelled);
  }

  public ExecuteRequest withPrompt(Pattern value) {
    return new ExecuteRequest(command, timeout, value, dialogs, errorPatterns, cancelled);
  }

  /** The same command, ended early once {@code value} answers true. */
  public ExecuteRequest withCancellation(BooleanSupplier value) {
    return new ExecuteRequest(command, timeout, prompt, dialogs, errorPatterns, value);
  }
}
