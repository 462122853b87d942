package dev.patchbay.manager;

import dev.patchbay.inventory.DeviceWriteGuard;
import dev.patchbay.io.Terminal;
import dev.patchbay.recording.TerminalRecorder;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The manager's door for web terminals: finds the byte stream and the recorder of a live session,
 * checks whether a viewer may write to its device (the lease), and opens or closes a session on a
 * viewer's behalf. Methods block; call them off the event loop.
 */
@Component
public class SessionTerminals {

  private final ConnectionManagerRegistry registry;
  private final SessionService sessions;
  private final SessionRecorders recorders;
  private final DeviceWriteGuard writeGuard;

  SessionTerminals(
      ConnectionManagerRegistry registry,
      SessionService sessions,
      SessionRecorders recorders,
      DeviceWriteGuard writeGuard) {
    this.registry = registry;
    this.sessions = sessions;
    this.recorders = recorders;
    this.writeGuard = writeGuard;
  }

  /** The terminal of the session {@code alias} of {@code device}, if it is live and single. */
  public Optional<Terminal> terminal(String device, String alias) {
    return session(device, alias).flatMap(ManagedSession::terminal);
  }

  /** The recording of the session, where what its viewers type and resize goes. */
  public Optional<TerminalRecorder> recorder(String device, String alias) {
    return recorders.single(device, alias);
  }

  /**
   * Refuses (with a {@code PatchbayException}) a viewer's write to {@code device} unless its lease
   * allows it; {@code lease} and {@code fencingToken} are what the viewer presented, or null.
   */
  public void checkWrite(String device, String lease, String fencingToken) {
    writeGuard.checkWrite(device, lease, fencingToken);
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
