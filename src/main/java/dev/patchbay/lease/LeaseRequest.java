package dev.patchbay.lease;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Body of {@code POST /api/v1/leases}: either {@code devices} or {@code testbed}, not both. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(name = "LeaseRequest", description = "Devices to lease, all or none")
public record LeaseRequest(
    @Schema(description = "Device names; alternative to 'testbed'", example = "[\"r1\", \"r2\"]")
        List<String> devices,
    @Schema(description = "Lease every device of this testbed; alternative to 'devices'")
        String testbed,
    @Schema(
            description = "Who holds the lease (CI job, user)",
            example = "ci-job-4711",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String holder,
    @Schema(
            description = "Time to live; renew before it passes",
            example = "600",
            minimum = "1",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Long ttlSeconds,
    @Schema(
            description = "How long to wait for busy devices (long poll, first come first served)",
            example = "30",
            minimum = "0",
            defaultValue = "0")
        Long waitSeconds,
    @Schema(description = "Why, for the audit trail", example = "nightly regression")
        String reason) {}
