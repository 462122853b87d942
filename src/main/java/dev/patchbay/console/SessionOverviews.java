package dev.patchbay.console;

import dev.patchbay.manager.LiveSession;
import dev.patchbay.manager.LiveSessions;
import dev.patchbay.security.token.TokenPrincipal;
import dev.patchbay.terminal.TerminalPresence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The live sessions with their writer and viewers, as a token may see them: a testbed-scoped token
 * sees the sessions of its testbeds' devices only. Read from memory, no database call.
 */
@Component
class SessionOverviews {

  private final LiveSessions sessions;
  private final TerminalPresence presence;

  SessionOverviews(LiveSessions sessions, TerminalPresence presence) {
    this.sessions = sessions;
    this.presence = presence;
  }

  /** The sessions {@code caller} may see here, filtered by device and testbed (or null). */
  List<SessionOverview> list(TokenPrincipal caller, String device, String testbed) {
    return sessions.all().stream()
        .filter(s -> device == null || s.device().equals(device))
        .filter(s -> testbed == null || Objects.equals(s.testbed(), testbed))
        .filter(s -> caller.reaches(s.testbed()))
        .map(this::overview)
        .toList();
  }

  /** The session now, if it is live. */
  Optional<SessionOverview> find(String device, String alias) {
    return sessions.find(device, alias).map(this::overview);
  }

  private SessionOverview overview(LiveSession session) {
    return SessionOverview.of(session, presence.of(session.device(), session.alias()).orElse(null));
  }
}
