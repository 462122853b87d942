package dev.patchbay.manager;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.cluster.DeviceOwnership;
import dev.patchbay.io.ConnectionClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The live sessions of one device, by alias (pyATS {@code device.connectionmgr}). An alias holds
 * one session; a console line holds one session whatever its alias. Opening runs outside the lock,
 * with the alias and the connections reserved so that concurrent requests are refused, not queued.
 * Opening (refused, failed or done) and closing are audited. The device is claimed for this
 * instance ({@link DeviceOwnership}) when its first session is reserved and released when its last
 * one closes.
 */
final class ConnectionManager {

  private static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private final String device;
  private final ConnectionLimits limits;
  private final SessionMetrics metrics;
  private final SessionAudit audit;
  private final SessionEvents events;
  private final DeviceOwnership ownership;
  private final Map<String, ManagedSession> sessions = new LinkedHashMap<>();
  private final Map<String, SessionTarget> opening = new HashMap<>();
  private final Map<String, String> openers = new HashMap<>();
  private boolean retired;

  ConnectionManager(
      String device,
      ConnectionLimits limits,
      SessionMetrics metrics,
      SessionAudit audit,
      SessionEvents events,
      DeviceOwnership ownership) {
    this.ownership = ownership;
    this.device = device;
    this.limits = limits;
    this.metrics = metrics;
    this.audit = audit;
    this.events = events;
  }

  String device() {
    return device;
  }

  /**
   * Opens a session of {@code poolSize} connections to the {@code resolved} target under {@code
   * alias} on behalf of {@code actor} (blocking); {@link SessionEvents} tell who opened it ({@code
   * openedBy}).
   */
  ManagedSession connect(
      ConnectionSource.Opening resolved,
      String alias,
      int poolSize,
      Duration poolTimeout,
      String actor,
      String openedBy) {
    checkAlias(alias);
    SessionTarget target = resolved.target();
    if (poolSize > 1 && target.consoleLine()) {
      throw PatchbayException.invalid(
          "connection '" + target.via() + "' is a console line, which cannot be pooled",
          List.of(new FieldProblem("poolSize", "must be 1 for a console line")));
    }
    try {
      reserve(target, alias, poolSize);
    } catch (PatchbayException e) {
      audit.openFailed(actor, target, alias, poolSize, e);
      throw e;
    }
    ManagedSession session;
    try {
      session =
          poolSize > 1
              ? ConnectionPool.open(
                  alias, target, poolSize, resolved.connections(), poolTimeout, metrics, events)
              : SingleSession.open(alias, target, resolved.first().get(), audit, events);
    } catch (RuntimeException e) {
      synchronized (this) {
        opening.remove(alias);
        releaseIfIdle();
      }
      limits.release(device, poolSize);
      audit.openFailed(actor, target, alias, poolSize, e);
      throw e;
    }
    synchronized (this) {
      opening.remove(alias);
      if (!retired) {
        sessions.put(alias, session);
        openers.put(alias, actor);
        audit.opened(actor, session);
        // under the lock, so that no listener hears of the close before the open
        events.opened(session, openedBy);
        return session;
      }
    }
    close(session);
    ConnectionClosedException deleted =
        new ConnectionClosedException(
            "device '" + device + "' was deleted while the session was being opened", "", null);
    audit.openFailed(actor, target, alias, poolSize, deleted);
    throw deleted;
  }

  synchronized ManagedSession session(String alias) {
    ManagedSession session = sessions.get(alias);
    if (session == null) {
      throw new PatchbayException(
          ProblemType.SESSION_NOT_FOUND, "device '" + device + "' has no session '" + alias + "'");
    }
    return session;
  }

  synchronized List<ManagedSession> sessions() {
    return List.copyOf(sessions.values());
  }

  /** Who opened the session {@code alias} (the caller's principal name), or null. */
  synchronized String openedBy(String alias) {
    return openers.get(alias);
  }

  synchronized boolean isIdle() {
    return sessions.isEmpty() && opening.isEmpty();
  }

  /** Closes the session {@code alias} and forgets it. */
  void disconnect(String alias, String actor, CloseReason reason) {
    ManagedSession session;
    synchronized (this) {
      session = session(alias);
      sessions.remove(alias);
      openers.remove(alias);
      releaseIfIdle();
    }
    ClosedSession closed = new ClosedSession(device, alias, actor, reason.text());
    events.closing(closed);
    close(session);
    audit.closed(actor, session, reason);
    events.closed(closed);
  }

  /**
   * Closes and forgets every session for good (pyATS {@code destroy_all}), when the device is
   * deleted or the service stops: a session still being opened is closed as soon as it opens.
   */
  void destroyAll(CloseReason reason) {
    List<ManagedSession> all;
    synchronized (this) {
      retired = true;
      all = new ArrayList<>(sessions.values());
      sessions.clear();
      openers.clear();
      releaseIfIdle();
    }
    for (ManagedSession session : all) {
      ClosedSession closed = new ClosedSession(device, session.alias(), null, reason.text());
      events.closing(closed);
      close(session);
      audit.closed(null, session, reason);
      events.closed(closed);
    }
  }

  private void close(ManagedSession session) {
    try {
      session.close();
    } finally {
      limits.release(device, session.size());
    }
  }

  private synchronized void reserve(SessionTarget target, String alias, int poolSize) {
    ManagedSession existing = sessions.get(alias);
    if (existing != null) {
      throw new PatchbayException(
          ProblemType.SESSION_EXISTS,
          "device '" + device + "' already has a session '" + alias + "'",
          List.of(),
          Map.of("session", SessionResponse.of(existing)));
    }
    if (opening.containsKey(alias)) {
      throw new PatchbayException(
          ProblemType.SESSION_EXISTS,
          "device '" + device + "' is already opening a session '" + alias + "'");
    }
    if (target.consoleLine()) {
      lineHolder(target.via())
          .ifPresent(
              holder -> {
                throw new PatchbayException(
                    ProblemType.LINE_BUSY,
                    "console line '"
                        + target.via()
                        + "' of device '"
                        + device
                        + "' is in use by session '"
                        + holder
                        + "'",
                    List.of(),
                    Map.of("heldBy", holder));
              });
    }
    limits.reserve(device, poolSize);
    if (isIdle()) {
      try {
        ownership.claim(device);
      } catch (RuntimeException e) {
        limits.release(device, poolSize);
        throw e;
      }
    }
    opening.put(alias, target);
  }

  /** The device is owned while it has a session (or one being opened), and not a moment longer. */
  private void releaseIfIdle() {
    if (isIdle()) {
      ownership.release(device);
    }
  }

  private Optional<String> lineHolder(String via) {
    for (ManagedSession session : sessions.values()) {
      if (session.target().via().equals(via)) {
        return Optional.of(session.alias());
      }
    }
    for (Map.Entry<String, SessionTarget> pending : opening.entrySet()) {
      if (pending.getValue().via().equals(via)) {
        return Optional.of(pending.getKey());
      }
    }
    return Optional.empty();
  }

  private static void checkAlias(String alias) {
    if (!ALIAS.matcher(alias).matches()) {
      throw PatchbayException.invalid(
          "alias '" + alias + "' is not identifier-like",
          List.of(
              new FieldProblem(
                  "alias", "must match " + ALIAS.pattern() + " (letters, digits, underscore)")));
    }
  }
}
