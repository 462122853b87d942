package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A live session of a device, as the API shows it. */
@Schema(description = "A live session: one connection, or a pool of identical connections")
public record SessionResponse(
    @Schema(example = "r1") String device,
    @Schema(example = "default") String alias,
    @Schema(example = "cli", description = "Connection definition used") String via,
    @Schema(example = "ssh") String protocol,
    SessionState state,
    Instant openedAt,
    @Schema(example = "1", description = "Connections held (1 unless pooled)") int poolSize,
    @Schema(description = "Pool statistics; null unless pooled") PoolStats pool,
    @Schema(description = "Why the connection was lost; null while connected")
        SessionFailure failure) {

  static SessionResponse of(ManagedSession session) {
    SessionTarget target = session.target();
    return new SessionResponse(
        target.device(),
        session.alias(),
        target.via(),
        target.protocol(),
        session.state(),
        session.openedAt(),
        session.size(),
        session.pool().orElse(null),
        session.failure().orElse(null));
  }
}
