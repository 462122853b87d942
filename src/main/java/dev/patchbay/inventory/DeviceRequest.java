package dev.patchbay.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A device as written by a client. On a full replace, {@code credentials} and {@code connections}
 * replace the whole set when present and are left unchanged when absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "A device to create or replace")
public record DeviceRequest(
    @Schema(example = "r1", pattern = Names.PATTERN, maxLength = 200) String name,
    @Schema(example = "lab1", description = "Name of an existing testbed; null for none")
        String testbed,
    @Schema(example = "iosxe", maxLength = 100) String os,
    @Schema(example = "cat9k", maxLength = 100) String platform,
    @Schema(example = "router", maxLength = 100) String type,
    @Schema(example = "pe", maxLength = 100) String role,
    List<String> aliases,
    @Schema(description = "Free-form attributes") Map<String, Object> custom,
    ConnectionDefaults connectionDefaults,
    @Schema(description = "Named credentials; absent on replace: unchanged")
        Map<String, CredentialRequest> credentials,
    @Schema(description = "Connection definitions; absent on replace: unchanged")
        List<ConnectionRequest> connections,
    @Schema(description = "The version last read; a stale value is rejected with 409")
        Long version) {}
