package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One step of a dialog: when the output's last line matches {@code pattern}, send {@code answer}.
 */
@Schema(description = "Dialog step: answer a question the command asks")
public record ReplyStatement(
    @Schema(example = "\\[confirm\\]", description = "Regular expression") String pattern,
    @Schema(example = "y", description = "Sent followed by a newline") String answer,
    @Schema(description = "Answer every time it matches, not once (default false)") Boolean loop) {}
