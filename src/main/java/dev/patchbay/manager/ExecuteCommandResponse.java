package dev.patchbay.manager;

import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.parse.Parsed;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** What a command printed and the prompt that ended it. */
@Schema(description = "Output of one command (echo and trailing prompt removed)")
public record ExecuteCommandResponse(
    @Schema(example = "show version") String command,
    String output,
    @Schema(example = "r1#") String prompt,
    @Schema(example = "42") long elapsedMs,
    @ParsedField List<Map<String, Object>> parsed,
    @Schema(description = "Template that parsed the output, or null") String template,
    @Schema(description = "Why parsed is null although parsing was asked for") String warning) {

  static ExecuteCommandResponse of(ExecuteResult result, Parsed parsed) {
    return new ExecuteCommandResponse(
        result.command(),
        result.output(),
        result.prompt(),
        result.elapsedMs(),
        parsed == null ? null : parsed.records(),
        parsed == null ? null : parsed.template(),
        parsed == null ? null : parsed.warning());
  }
}
