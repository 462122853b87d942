package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Configuration lines applied in configuration mode. */
@Schema(description = "Configuration lines, applied in order")
public record ConfigureDeviceRequest(
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            example = "[\"interface Loopback1\", \"description lab\"]")
        List<String> lines,
    @Schema(description = "Per line; default: the connection's execute timeout")
        Integer timeoutSeconds) {}
