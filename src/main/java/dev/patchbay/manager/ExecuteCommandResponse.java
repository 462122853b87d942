package dev.patchbay.manager;

import dev.patchbay.cli.ExecuteResult;
import io.swagger.v3.oas.annotations.media.Schema;

/** What a command printed and the prompt that ended it. */
@Schema(description = "Output of one command (echo and trailing prompt removed)")
public record ExecuteCommandResponse(
    @Schema(example = "show version") String command,
    String output,
    @Schema(example = "r1#") String prompt,
    @Schema(example = "42") long elapsedMs) {

  static ExecuteCommandResponse of(ExecuteResult result) {
    return new ExecuteCommandResponse(
        result.command(), result.output(), result.prompt(), result.elapsedMs());
  }
}
