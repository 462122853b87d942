package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.ConfigureResult;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.io.ConnectionClosedException;
import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.Terminal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * N identical connections behind one alias (pyATS {@code pool_size}). Each call takes a free member
 * first-come-first-served (a fair semaphore), holds it for the call and gives it back; with none
 * free the caller waits up to the pool timeout, then gets {@code pool-exhausted}. A member found
 * broken when taken is replaced by a new connection, whose terminal {@link SessionEvents}
 * announces.
 */
final class ConnectionPool implements ManagedSession {

  private final String alias;
  private final SessionTarget target;
  private final Supplier<BaseConnection> connections;
  private final Duration timeout;
  private final SessionMetrics metrics;
  private final SessionEvents events;
  private final AtomicReferenceArray<BaseConnection> members;
  private final ConcurrentLinkedQueue<Integer> idle = new ConcurrentLinkedQueue<>();
  private final Semaphore free;
  private final Instant openedAt = Instant.now();
  private volatile boolean closed;

  private ConnectionPool(
      String alias,
      SessionTarget target,
      List<BaseConnection> opened,
      Supplier<BaseConnection> connections,
      Duration timeout,
      SessionMetrics metrics,
      SessionEvents events) {
    this.alias = alias;
    this.target = target;
    this.connections = connections;
    this.timeout = timeout;
    this.metrics = metrics;
    this.events = events;
    this.members = new AtomicReferenceArray<>(opened.toArray(BaseConnection[]::new));
    for (int i = 0; i < opened.size(); i++) {
      idle.add(i);
    }
    this.free = new Semaphore(opened.size(), true);
  }

  /** Opens {@code size} connections (blocking); if one fails, closes the others and rethrows. */
  static ConnectionPool open(
      String alias,
      SessionTarget target,
      int size,
      Supplier<BaseConnection> connections,
      Duration timeout,
      SessionMetrics metrics,
      SessionEvents events) {
    List<BaseConnection> opened = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        BaseConnection member = connections.get();
        opened.add(member);
        member.open();
      }
    } catch (RuntimeException e) {
      opened.forEach(BaseConnection::close);
      throw e;
    }
    return new ConnectionPool(alias, target, opened, connections, timeout, metrics, events);
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

  /**
   * {@code CONNECTED} while at least one member is (broken ones are replaced on their next use),
   * {@code DISCONNECTED} when none is.
   */
  @Override
  public SessionState state() {
    if (closed) {
      return SessionState.CLOSED;
    }
    for (int i = 0; i < members.length(); i++) {
      if (members.get(i).isConnected()) {
        return SessionState.CONNECTED;
      }
    }
    return SessionState.DISCONNECTED;
  }

  /** The cause of the first broken member, while no member is connected. */
  @Override
  public Optional<SessionFailure> failure() {
    if (state() != SessionState.DISCONNECTED) {
      return Optional.empty();
    }
    for (int i = 0; i < members.length(); i++) {
      Optional<ConnectionException> cause = members.get(i).failure();
      if (cause.isPresent()) {
        return Optional.of(SessionFailure.of(cause.get(), Instant.now()));
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<PoolStats> pool() {
    int size = members.length();
    int idleNow = Math.min(size, free.availablePermits());
    return Optional.of(new PoolStats(size, size - idleNow, idleNow, free.getQueueLength()));
  }

  @Override
  public int size() {
    return members.length();
  }

  @Override
  public List<Terminal> terminals() {
    List<Terminal> terminals = new ArrayList<>();
    for (int i = 0; i < members.length(); i++) {
      terminals.add(members.get(i).terminal());
    }
    return terminals;
  }

  @Override
  public ExecuteResult execute(ExecuteRequest request) {
    return withMember(member -> member.execute(request));
  }

  @Override
  public ConfigureResult configure(ConfigureRequest request) {
    return withMember(member -> member.configure(request));
  }

  /** Broken members are replaced when they are next taken; nothing to do in between. */
  @Override
  public void checkHealth(ReconnectPolicy policy) {}

  private <T> T withMember(Function<BaseConnection, T> call) {
    long started = System.nanoTime();
    boolean acquired;
    try {
      acquired = free.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw exhausted("interrupted while waiting for a member of pool '" + alias + "'");
    } finally {
      metrics.poolWait(System.nanoTime() - started);
    }
    if (!acquired) {
      throw exhausted(
          "no member of pool '" + alias + "' became free within " + timeout.toSeconds() + " s");
    }
    Integer slot = idle.poll();
    try {
      if (closed) {
        throw new ConnectionClosedException("pool '" + alias + "' is closed", "", null);
      }
      return call.apply(healthy(slot));
    } finally {
      idle.add(slot);
      free.release();
    }
  }

  private BaseConnection healthy(int slot) {
    BaseConnection member = members.get(slot);
    if (member.isConnected()) {
      return member;
    }
    member.close();
    BaseConnection replacement = connections.get();
    members.set(slot, replacement);
    replacement.open();
    if (closed) {
      replacement.close();
    } else {
      events.terminalReplaced(target.device(), alias, slot, replacement.terminal());
    }
    return replacement;
  }

  private PatchbayException exhausted(String detail) {
    return new PatchbayException(
        ProblemType.POOL_EXHAUSTED, detail, List.of(), Map.of("pool", pool().orElseThrow()));
  }

  @Override
  public void close() {
    closed = true;
    for (int i = 0; i < members.length(); i++) {
      members.get(i).close();
    }
  }
}
