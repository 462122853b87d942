package dev.patchbay.manager;

import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.ConfigureResult;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.io.ConnectionClosedException;
import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.Terminal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session over one connection; reopened after a drop when its target asks for it. Tells {@link
 * SessionEvents} when it notices a drop, and how a reconnect goes.
 */
final class SingleSession implements ManagedSession {

  private static final Logger log = LoggerFactory.getLogger(SingleSession.class);

  private final String alias;
  private final SessionTarget target;
  private final BaseConnection connection;
  private final SessionAudit audit;
  private final SessionEvents events;
  private final Instant openedAt = Instant.now();
  private volatile boolean closed;
  private volatile boolean reconnecting;
  private volatile Instant droppedAt;
  private volatile ConnectionException lastFailure;
  private int failedAttempts;
  private Instant nextAttempt;

  private SingleSession(
      String alias,
      SessionTarget target,
      BaseConnection connection,
      SessionAudit audit,
      SessionEvents events) {
    this.alias = alias;
    this.target = target;
    this.connection = connection;
    this.audit = audit;
    this.events = events;
  }

  /**
   * Opens {@code connection} (blocking) and wraps it; closes it when opening fails. Reconnects are
   * audited.
   */
  static SingleSession open(
      String alias,
      SessionTarget target,
      BaseConnection connection,
      SessionAudit audit,
      SessionEvents events) {
    try {
      connection.open();
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
    return new SingleSession(alias, target, connection, audit, events);
  }

  @Override
  public String alias() {
    return alias;
  }

  @Override
  public SessionTarget target() {
    return target;
  }

  @Override
  public Instant openedAt() {
    return openedAt;
  }

  @Override
  public SessionState state() {
    if (closed) {
      return SessionState.CLOSED;
    }
    if (reconnecting) {
      return SessionState.RECONNECTING;
    }
    return connection.isConnected() ? SessionState.CONNECTED : SessionState.DISCONNECTED;
  }

  @Override
  public Optional<SessionFailure> failure() {
    if (closed || connection.isConnected()) {
      return Optional.empty();
    }
    ConnectionException cause =
        connection
            .failure()
            .orElseGet(
                () ->
                    lastFailure != null
                        ? lastFailure
                        : new ConnectionClosedException("the connection was lost", "", null));
    return Optional.of(SessionFailure.of(cause, noticedDrop()));
  }

  @Override
  public Optional<PoolStats> pool() {
    return Optional.empty();
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public List<Terminal> terminals() {
    return List.of(connection.terminal());
  }

  @Override
  public Optional<Terminal> terminal() {
    return Optional.of(connection.terminal());
  }

  @Override
  public ExecuteResult execute(ExecuteRequest request) {
    return connection.execute(request);
  }

  @Override
  public ConfigureResult configure(ConfigureRequest request) {
    return connection.configure(request);
  }

  @Override
  public void checkHealth(ReconnectPolicy policy) {
    if (closed || reconnecting || connection.isConnected()) {
      return;
    }
    Instant dropped = noticedDrop();
    if (!target.reconnect()) {
      return;
    }
    synchronized (this) {
      if (failedAttempts >= policy.attempts()) {
        return;
      }
      if (nextAttempt == null) {
        nextAttempt = dropped.plus(policy.delayBefore(0));
      }
      if (Instant.now().isBefore(nextAttempt)) {
        return;
      }
      reconnecting = true;
    }
    events.stateChanged(target.device(), alias, SessionState.RECONNECTING);
    policy.executor().execute(() -> reconnect(policy));
  }

  private void reconnect(ReconnectPolicy policy) {
    boolean reopened = false;
    try {
      connection.failure().ifPresent(cause -> lastFailure = cause);
      connection.open();
      int attempt;
      synchronized (this) {
        attempt = failedAttempts + 1;
        failedAttempts = 0;
        nextAttempt = null;
        droppedAt = null;
      }
      log.info("{}/{}: reconnected", target.device(), alias);
      audit.reconnected(target, alias, attempt, null);
      reopened = true;
    } catch (RuntimeException e) {
      synchronized (this) {
        failedAttempts++;
        nextAttempt = Instant.now().plus(policy.delayBefore(failedAttempts));
      }
      audit.reconnected(target, alias, failedAttempts, e);
      log.info(
          "{}/{}: reconnect attempt {} failed: {}",
          target.device(),
          alias,
          failedAttempts,
          e.getMessage());
    } finally {
      reconnecting = false;
      if (closed) {
        connection.close();
      }
    }
    if (reopened && !closed) {
      events.terminalReplaced(target.device(), alias, 0, connection.terminal());
    }
    events.stateChanged(target.device(), alias, state());
  }

  private Instant noticedDrop() {
    Instant dropped = droppedAt;
    if (dropped == null) {
      dropped = Instant.now();
      droppedAt = dropped;
      events.stateChanged(target.device(), alias, state());
    }
    return dropped;
  }

  @Override
  public void close() {
    closed = true;
    connection.close();
  }
}
