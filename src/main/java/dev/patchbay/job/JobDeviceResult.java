package dev.patchbay.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One device of a job: its state, the session alias used, each command's outcome, and the problem
 * that failed it (the type a single call would have answered: {@code device-unreachable}, {@code
 * auth-failed}, {@code timeout}, …).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One device's part of a job")
public record JobDeviceResult(
    @Schema(example = "r1") String device,
    JobDeviceState state,
    @Schema(example = "job_3f9c2a1b7d4e") String alias,
    List<CommandOutcome> results,
    @Schema(description = "Problem type URI when failed or cancelled") String problemType,
    @Schema(description = "Why it failed or was not run") String problemDetail,
    Instant startedAt,
    Instant finishedAt) {}
