package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.cluster.ClusterMember;
import dev.patchbay.cluster.DeviceOwnership;
import dev.patchbay.cluster.InstanceLoss;
import dev.patchbay.common.Blocking;
import dev.patchbay.inventory.DeviceDeletionGuard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One {@link ConnectionManager} per device, created on first use and dropped when the device is
 * deleted (refused while it has sessions, unless forced). Runs the periodic health check, counts
 * calls in flight and, on shutdown, waits for them (bounded) before closing every connection.
 */
@Component
public class ConnectionManagerRegistry
    implements DeviceDeletionGuard, SmartLifecycle, InstanceLoss {

  private static final Logger log = LoggerFactory.getLogger(ConnectionManagerRegistry.class);

  /** After the web server's graceful drain (DEFAULT_PHASE - 1024), before it stops (- 2048). */
  private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

  private final Map<String, ConnectionManager> managers = new ConcurrentHashMap<>();
  private final SessionMetrics metrics;
  private final ManagerProperties properties;
  private final ConnectionLimits limits;
  private final ReconnectPolicy reconnectPolicy;
  private final SessionAudit audit;
  private final SessionEvents events;
  private final DeviceOwnership ownership;
  private final Object inFlightLock = new Object();
  private int inFlight;
  private volatile boolean accepting = true;
  private ScheduledExecutorService healthChecks;

  ConnectionManagerRegistry(
      SessionMetrics metrics,
      ManagerProperties properties,
      Blocking blocking,
      SessionAudit audit,
      SessionEvents events,
      DeviceOwnership ownership) {
    this.ownership = ownership;
    this.audit = audit;
    this.events = events;
    this.metrics = metrics;
    this.properties = properties;
    this.limits = new ConnectionLimits(properties.maxPerDevice(), properties.maxTotal());
    this.reconnectPolicy =
        new ReconnectPolicy(
            properties.reconnectAttempts(),
            properties.reconnectBackoff(),
            task -> blocking.scheduler().schedule(task));
    registerGauges(metrics.registry());
  }

  /** The manager of {@code device}, created on first use (the device is not looked up). */
  ConnectionManager manager(String device) {
    return managers.computeIfAbsent(
        device, name -> new ConnectionManager(name, limits, metrics, audit, events, ownership));
  }

  /** The manager of {@code device} if it was ever used. */
  /** The managers of the devices that have (or had) sessions here, in no particular order. */
  Collection<ConnectionManager> managers() {
    return managers.values();
  }

  Optional<ConnectionManager> existing(String device) {
    return Optional.ofNullable(managers.get(device));
  }

  /**
   * Runs a device call, counted as in flight so that shutdown can wait for it; refused ({@code
   * session-lost}) while this instance is fenced off the cluster.
   */
  <T> T track(Supplier<T> call) {
    ownership.checkCanAct();
    synchronized (inFlightLock) {
      if (!accepting) {
        throw new PatchbayException(ProblemType.SHUTTING_DOWN, "the service is shutting down");
      }
      inFlight++;
    }
    try {
      return call.get();
    } finally {
      synchronized (inFlightLock) {
        inFlight--;
        inFlightLock.notifyAll();
      }
    }
  }

  @Override
  public void beforeDelete(String device, boolean force) {
    ConnectionManager manager = managers.get(device);
    if (manager == null) {
      ClusterMember owner = ownership.owner(device).elsewhere();
      if (owner != null) {
        throw new PatchbayException(
            ProblemType.DEVICE_SESSIONS_LIVE,
            "device '"
                + device
                + "' has live sessions on instance "
                + owner.name()
                + "; close them first");
      }
      return;
    }
    if (!manager.isIdle() && !force) {
      List<String> aliases = manager.sessions().stream().map(ManagedSession::alias).toList();
      throw new PatchbayException(
          ProblemType.DEVICE_SESSIONS_LIVE,
          "device '"
              + device
              + "' has live sessions "
              + aliases
              + "; close them first or delete with ?force=true",
          List.of(),
          Map.of("sessions", aliases));
    }
    managers.remove(device);
    manager.destroyAll(CloseReason.DEVICE_DELETED);
  }

  /** The others declared this instance dead and freed its devices: its sessions end here too. */
  @Override
  public void evicted() {
    ownership.forgetAll();
    List<ConnectionManager> all = List.copyOf(managers.values());
    managers.clear();
    all.forEach(manager -> manager.destroyAll(CloseReason.INSTANCE_LOST));
  }

  @Override
  public void start() {
    synchronized (inFlightLock) {
      accepting = true;
    }
    healthChecks =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("patchbay-session-health").daemon().factory());
    long interval = properties.healthInterval().toMillis();
    healthChecks.scheduleWithFixedDelay(
        this::checkHealth, interval, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    synchronized (inFlightLock) {
      accepting = false;
    }
    awaitInFlight(properties.shutdownTimeout());
    healthChecks.shutdownNow();
    managers.values().forEach(manager -> manager.destroyAll(CloseReason.INSTANCE_STOPPING));
    managers.clear();
  }

  @Override
  public boolean isRunning() {
    return healthChecks != null && !healthChecks.isShutdown();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private void awaitInFlight(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inFlightLock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn("shutting down with {} device call(s) still running", inFlight);
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(inFlightLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void checkHealth() {
    for (ConnectionManager manager : managers.values()) {
      for (ManagedSession session : manager.sessions()) {
        try {
          session.checkHealth(reconnectPolicy);
        } catch (RuntimeException e) {
          log.warn("health check of {}/{} failed", manager.device(), session.alias(), e);
        }
      }
    }
  }

  private void registerGauges(MeterRegistry meters) {
    for (String protocol : List.of("ssh", "telnet", "serial", "command")) {
      Gauge.builder("patchbay.connections.open", this, r -> r.openConnections(protocol))
          .description("Connections open to devices")
          .tag("protocol", protocol)
          .register(meters);
    }
    for (SessionState state : SessionState.values()) {
      for (String protocol : List.of("ssh", "telnet", "serial", "command")) {
        Gauge.builder("patchbay.sessions", this, r -> r.sessions(state, protocol))
            .description("Live sessions by state and protocol")
            .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
            .tag("protocol", protocol)
            .register(meters);
      }
    }
    poolGauge(meters, "busy", PoolStats::busy);
    poolGauge(meters, "idle", PoolStats::idle);
    Gauge.builder("patchbay.pool.waiting", this, r -> r.poolTotal(PoolStats::waiting))
        .description("Calls waiting for a free pool member")
        .register(meters);
  }

  private void poolGauge(MeterRegistry meters, String state, ToIntFunction<PoolStats> count) {
    Gauge.builder("patchbay.pool.members", this, r -> r.poolTotal(count))
        .description("Pool members by state")
        .tag("state", state)
        .register(meters);
  }

  private double sessions(SessionState state, String protocol) {
    return managers.values().stream()
        .flatMap(m -> m.sessions().stream())
        .filter(s -> s.state() == state && s.target().protocol().equals(protocol))
        .count();
  }

  private double openConnections(String protocol) {
    return managers.values().stream()
        .flatMap(m -> m.sessions().stream())
        .filter(s -> s.target().protocol().equals(protocol))
        .filter(s -> s.state() == SessionState.CONNECTED)
        .mapToInt(ManagedSession::size)
        .sum();
  }

  private double poolTotal(ToIntFunction<PoolStats> count) {
    return managers.values().stream()
        .flatMap(m -> m.sessions().stream())
        .flatMap(s -> s.pool().stream())
        .mapToInt(count)
        .sum();
  }
}
