package dev.patchbay.manager;

import dev.patchbay.io.Terminal;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The manager's door for web terminals: finds the byte stream of a live session, and opens or
 * closes a session on a viewer's behalf. Methods block; call them off the event loop.
 */
@Component
public class SessionTerminals {

  private final ConnectionManagerRegistry registry;
  private final SessionService sessions;

  SessionTerminals(ConnectionManagerRegistry registry, SessionService sessions) {
    this.registry = registry;
    this.sessions = sessions;
  }

  /** The terminal of the session {@code alias} of {@code device}, if it is live and single. */
  public Optional<Terminal> terminal(String device, String alias) {
    return session(device, alias).flatMap(ManagedSession::terminal);
  }

  /** The state of the session, empty when the device has no such session. */
  public Optional<SessionState> state(String device, String alias) {
    return session(device, alias).map(ManagedSession::state);
  }

  /** True when the session exists but is a pool, whose members a viewer cannot attach to. */
  public boolean isPool(String device, String alias) {
    return session(device, alias).map(s -> s.pool().isPresent()).orElse(false);
  }

  /**
   * Opens a single-connection session through {@code via} (null: the device's default) for {@code
   * actor}.
   */
  public void open(String device, String alias, String via, String actor) {
    sessions.openForViewer(device, new OpenSessionRequest(via, alias, 1, null), actor);
  }

  /** Closes the session, which its last viewer left, if it still exists. */
  public void closeAfterLastViewer(String device, String alias) {
    registry
        .existing(device)
        .filter(manager -> manager.sessions().stream().anyMatch(s -> s.alias().equals(alias)))
        .ifPresent(manager -> manager.disconnect(alias, null, CloseReason.LAST_VIEWER));
  }

  private Optional<ManagedSession> session(String device, String alias) {
    return registry
        .existing(device)
        .flatMap(
            manager ->
                manager.sessions().stream().filter(s -> s.alias().equals(alias)).findFirst());
  }
}
