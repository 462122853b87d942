package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;

/** What to open: which connection definition, under which alias, how many connections. */
@Schema(description = "A session to open; every field is optional")
public record OpenSessionRequest(
    @Schema(
            example = "cli",
            description =
                "Connection definition; default: the device's connectionDefaults.via, else its"
                    + " only definition")
        String via,
    @Schema(
            example = "default",
            description = "Identifier-like name; default: connectionDefaults.alias, else 'default'")
        String alias,
    @Schema(
            example = "1",
            minimum = "1",
            description =
                "Connections behind the alias; default: the definition's poolSize, else 1")
        Integer poolSize,
    @Schema(
            example = "60",
            minimum = "1",
            maximum = "3600",
            description = "How long a pooled call waits for a free member")
        Integer poolTimeoutSeconds) {}
