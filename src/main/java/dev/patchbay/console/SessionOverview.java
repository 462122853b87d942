package dev.patchbay.console;

import dev.patchbay.manager.LiveSession;
import dev.patchbay.manager.SessionFailure;
import dev.patchbay.manager.SessionState;
import dev.patchbay.terminal.Presence;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A live session with who opened it, who holds write control and who watches. */
@Schema(description = "A live session of the instance, with its writer and viewers")
public record SessionOverview(
    @Schema(example = "r1") String device,
    @Schema(example = "lab-a", description = "The device's testbed; null when it has none")
        String testbed,
    @Schema(example = "web") String alias,
    @Schema(example = "cli", description = "Connection definition used") String via,
    @Schema(example = "ssh") String protocol,
    SessionState state,
    Instant openedAt,
    @Schema(example = "alice", description = "The API token that opened it") String openedBy,
    @Schema(example = "1", description = "Connections held (1 unless pooled)") int poolSize,
    @Schema(description = "Why the connection was lost; null while connected")
        SessionFailure failure,
    @Schema(
            example = "alice",
            description =
                "Who holds write control: a viewer's token name, 'REST automation' while a call"
                    + " runs, null when free")
        String writer,
    @Schema(description = "The names of the attached web viewers, in attach order")
        List<String> viewers) {

  static SessionOverview of(LiveSession session, Presence presence) {
    return new SessionOverview(
        session.device(),
        session.testbed(),
        session.alias(),
        session.via(),
        session.protocol(),
        session.state(),
        session.openedAt(),
        session.openedBy(),
        session.poolSize(),
        session.failure(),
        presence == null ? null : presence.writer(),
        presence == null ? List.of() : presence.viewers());
  }
}
