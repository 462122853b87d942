package dev.patchbay.recording;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A recording's metadata; {@code endedAt} is absent while the session is live. */
@Schema(description = "A session recording (asciicast v2)")
public record RecordingResponse(
    long id,
    String device,
    String alias,
    @Schema(description = "Who opened the session: 'rest' or 'viewer:<name>'") String openedBy,
    Instant startedAt,
    Instant endedAt,
    @Schema(description = "Output bytes recorded") long bytes,
    @Schema(example = "/api/v1/recordings/1") String href) {

  static RecordingResponse of(Recording recording) {
    return new RecordingResponse(
        recording.getId(),
        recording.getDevice(),
        recording.getAlias(),
        recording.getOpenedBy(),
        recording.getStartedAt(),
        recording.getEndedAt(),
        recording.getBytes(),
        "/api/v1/recordings/" + recording.getId());
  }
}
