package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The outcome of one command of a batch: its output, or the problem that stopped it. */
@Schema(description = "One command of a batch: ok with output, or failed with a problem type")
public record BatchItem(
    @Schema(example = "show clock") String command,
    @Schema(example = "true") boolean ok,
    @Schema(description = "Output, or what was received before the failure") String output,
    @Schema(example = "r1#") String prompt,
    long elapsedMs,
    @Schema(description = "Problem type of the failure; null when ok") URI problemType,
    @Schema(description = "Problem detail of the failure; null when ok") String detail,
    @ParsedField List<Map<String, Object>> parsed,
    @Schema(description = "Template that parsed the output, or null") String template,
    @Schema(description = "Why parsed is null although parsing was asked for") String warning) {}
