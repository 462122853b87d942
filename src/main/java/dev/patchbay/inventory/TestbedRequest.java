package dev.patchbay.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** A testbed as written by a client; {@code credentials} absent on replace: unchanged. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "A testbed to create or replace")
public record TestbedRequest(
    @Schema(example = "lab1", pattern = Names.PATTERN, maxLength = 200) String name,
    @Schema(example = "Core lab", maxLength = 2000) String description,
    @Schema(example = "core", maxLength = 200) String alias,
    @Schema(
            description =
                "Default credentials of the testbed's devices; absent on replace:" + " unchanged")
        Map<String, CredentialRequest> credentials,
    @Schema(description = "Free-form attributes") Map<String, Object> custom,
    @Schema(description = "The version last read; a stale value is rejected with 409")
        Long version) {}
