package dev.patchbay.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A server-sent event of a job: a device changed state ({@code device}), or the job ended ({@code
 * end}, the last event).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A device changed state, or the job ended (the last event)")
public record JobEvent(
    @Schema(allowableValues = {"device", "end"}) String event,
    String job,
    String device,
    JobDeviceState deviceState,
    @Schema(description = "Problem type URI of a failed device") String problemType,
    JobState jobState,
    JobCounts counts,
    Instant at) {

  static JobEvent device(String job, JobDeviceResult result, JobCounts counts) {
    return new JobEvent(
        "device",
        job,
        result.device(),
        result.state(),
        result.problemType(),
        null,
        counts,
        Instant.now());
  }

  static JobEvent end(String job, JobState state, JobCounts counts) {
    return new JobEvent("end", job, null, null, null, state, counts, Instant.now());
  }

  boolean last() {
    return "end".equals(event);
  }
}
