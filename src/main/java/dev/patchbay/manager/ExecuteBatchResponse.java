package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Results of a batch in command order; with stopOnError, commands after a failure are absent. */
@Schema(description = "Results in command order")
public record ExecuteBatchResponse(
    List<BatchItem> results,
    @Schema(description = "True when every command ran and none failed") boolean complete) {}
