package dev.patchbay.manager;

import com.google.re2j.Pattern;
import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.DialogStatement;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.UserPatterns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns API request bodies into expect-engine requests, reporting bad input field by field. */
final class CliRequests {

  private static final int MAX_TIMEOUT_SECONDS = 3600;

  private CliRequests() {}

  static ExecuteRequest execute(ExecuteCommandRequest body) {
    if (body == null || body.command() == null || body.command().isBlank()) {
      throw invalid("command", "is required");
    }
    if (body.command().contains("\n") || body.command().contains("\r")) {
      throw invalid("command", "must be one line");
    }
    List<DialogStatement> dialogs = new ArrayList<>();
    List<ReplyStatement> replies = body.reply() == null ? List.of() : body.reply();
    for (int i = 0; i < replies.size(); i++) {
      ReplyStatement reply = replies.get(i);
      String field = "reply[" + i + "]";
      if (reply == null || reply.pattern() == null || reply.answer() == null) {
        throw invalid(field, "needs a pattern and an answer");
      }
      dialogs.add(
          new DialogStatement(
              pattern(field + ".pattern", reply.pattern()),
              reply.answer(),
              Boolean.TRUE.equals(reply.loop())));
    }
    List<Pattern> errors = null;
    if (body.errorPatterns() != null) {
      errors = new ArrayList<>();
      for (int i = 0; i < body.errorPatterns().size(); i++) {
        errors.add(pattern("errorPatterns[" + i + "]", body.errorPatterns().get(i)));
      }
    }
    return new ExecuteRequest(
        body.command(),
        timeout("timeoutSeconds", body.timeoutSeconds()),
        body.prompt() == null ? null : pattern("prompt", body.prompt()),
        dialogs,
        errors);
  }

  static ExecuteRequest command(String command, int index, Integer timeoutSeconds) {
    String field = "commands[" + index + "]";
    if (command == null || command.isBlank()) {
      throw invalid(field, "is required");
    }
    if (command.contains("\n") || command.contains("\r")) {
      throw invalid(field, "must be one line");
    }
    return ExecuteRequest.of(command).withTimeout(timeout("timeoutSeconds", timeoutSeconds));
  }

  static ConfigureRequest configure(ConfigureDeviceRequest body) {
    if (body == null || body.lines() == null || body.lines().isEmpty()) {
      throw invalid("lines", "needs at least one line");
    }
    for (int i = 0; i < body.lines().size(); i++) {
      String line = body.lines().get(i);
      if (line == null || line.contains("\n") || line.contains("\r")) {
        throw invalid("lines[" + i + "]", "must be one line of text");
      }
    }
    return new ConfigureRequest(body.lines(), timeout("timeoutSeconds", body.timeoutSeconds()));
  }

  /** Seconds in 1..3600 as a duration; null stays null (the connection's default). */
  static Duration timeout(String field, Integer seconds) {
    if (seconds == null) {
      return null;
    }
    if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      throw invalid(field, "must be between 1 and " + MAX_TIMEOUT_SECONDS);
    }
    return Duration.ofSeconds(seconds);
  }

  private static Pattern pattern(String field, String regex) {
    try {
      return UserPatterns.compile(regex);
    } catch (IllegalArgumentException e) {
      throw invalid(field, e.getMessage());
    }
  }

  static PatchbayException invalid(String field, String message) {
    return PatchbayException.invalid(
        "the request has invalid fields", List.of(new FieldProblem(field, message)));
  }
}
