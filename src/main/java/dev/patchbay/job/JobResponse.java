package dev.patchbay.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A job as stored: its state, counts and, when read by id, one result per device ({@code devices}
 * is left out of lists). {@code request} is what was asked, without the webhook secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A job and, when read by id, its per-device results")
public record JobResponse(
    @Schema(example = "0b8f3c7e-5d2a-4c1e-9f6b-2a7d8e9c1b30") String id,
    JobState state,
    JobKind kind,
    @Schema(example = "ci-runner") String actor,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    @Schema(description = "Why the job ended as it did, when not plain success") String reason,
    JobCounts counts,
    @Schema(description = "Webhook delivery: pending, delivered (HTTP status) or failed (why)")
        String webhookStatus,
    JobRequest request,
    List<JobDeviceResult> devices) {

  JobResponse withoutDevices() {
    return new JobResponse(
        id,
        state,
        kind,
        actor,
        createdAt,
        startedAt,
        finishedAt,
        reason,
        counts,
        webhookStatus,
        request,
        null);
  }
}
