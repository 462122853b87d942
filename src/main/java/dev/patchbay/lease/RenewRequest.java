package dev.patchbay.lease;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/** Optional body of a renewal. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(name = "RenewRequest")
public record RenewRequest(
    @Schema(
            description = "New time to live from now; absent: the lease's current ttl",
            example = "600",
            minimum = "1")
        Long ttlSeconds) {}
