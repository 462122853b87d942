package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;

/** Why a session lost its connection: the problem type and detail of the cause, and when. */
@Schema(description = "Why the session lost its connection")
public record SessionFailure(
    @Schema(example = "https://patchbay.dev/problems/closed") URI type,
    @Schema(example = "the device closed the connection") String detail,
    Instant at) {

  static SessionFailure of(PatchbayException cause, Instant at) {
    return new SessionFailure(cause.type().uri(), cause.getMessage(), at);
  }
}
