package dev.patchbay.security.token;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A new API token: its unique name, role, optional testbed scope and optional expiry. */
public record TokenRequest(
    @Schema(example = "ci-nightly", requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Role role,
    @Schema(description = "Testbeds the token may reach; absent: every testbed")
        List<String> testbeds,
    @Schema(description = "When the token stops working; absent: never") Instant expiresAt) {}
