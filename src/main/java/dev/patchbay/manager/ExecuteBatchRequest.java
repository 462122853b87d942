package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Commands run one after another on the same connection. */
@Schema(description = "Commands to run in order")
public record ExecuteBatchRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> commands,
    @Schema(description = "Per command; default: the connection's execute timeout")
        Integer timeoutSeconds,
    @Schema(description = "Skip the remaining commands after a failed one (default true)")
        Boolean stopOnError) {}
