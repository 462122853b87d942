package dev.patchbay.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This instance's row in {@code cluster_instance}: registered before the web server starts, its
 * heartbeat stamped every {@code heartbeat-interval} with the database's clock (so that instances'
 * clocks need not agree), removed on a clean stop. The same timer declares dead every other
 * instance whose heartbeat is older than {@code dead-after}: the one survivor whose delete of that
 * row succeeds frees its devices and tells the {@link InstanceLoss} beans. At start, an earlier run
 * of this instance (same name and URL) is declared gone at once, a restart rather than a loss.
 *
 * <p>Self-fencing: {@link #canAct()} turns false once this instance's last successful heartbeat is
 * so old that the others may be about to declare it dead, so that a paused or cut-off instance
 * stops claiming devices and running commands before anyone takes them over.
 */
@Component
public class Membership implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Membership.class);

  /** Before the web server starts (DEFAULT_PHASE - 2048) and after it and the sessions stop. */
  private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final JdbcClient jdbc;
  private final InstanceIdentity identity;
  private final ClusterProperties properties;
  private final ObjectProvider<InstanceLoss> handlers;
  private final int configuredPort;
  private volatile String advertisedUrl;
  private volatile long lastBeat;
  private ScheduledExecutorService timer;

  private record Row(String id, String name, String url, OffsetDateTime heartbeat, Duration age) {

    ClusterMember member() {
      return new ClusterMember(id, name, url);
    }
  }

  Membership(
      DataSource dataSource,
      InstanceIdentity identity,
      ClusterProperties properties,
      ObjectProvider<InstanceLoss> handlers,
      Environment environment) {
    this.jdbc = JdbcClient.create(dataSource);
    this.identity = identity;
    this.properties = properties;
    this.handlers = handlers;
    this.configuredPort = environment.getProperty("server.port", Integer.class, 8080);
    this.advertisedUrl = advertisedUrl(configuredPort);
  }

  /** The base URL the other instances reach this one at. */
  public String advertisedUrl() {
    return advertisedUrl;
  }

  /**
   * Whether this instance may still act as an owner: its last successful heartbeat is younger than
   * {@code dead-after} less a margin (one heartbeat interval, at most half the limit), so that it
   * stops before the others can declare it dead.
   */
  public boolean canAct() {
    return System.nanoTime() - lastBeat < fencedAfter().toNanos();
  }

  /** The live instance {@code id}, unless its heartbeat is older than the limit or it is gone. */
  public Optional<ClusterMember> live(String id) {
    return rows(
            "SELECT id, name, advertised_url, heartbeat_at, CURRENT_TIMESTAMP AS db_now"
                + " FROM cluster_instance WHERE id = ?",
            id)
        .stream()
        .filter(this::alive)
        .map(Row::member)
        .findFirst();
  }

  /** The other live instances (heartbeat within the limit), in no particular order. */
  public List<ClusterMember> liveOthers() {
    return others().stream().filter(this::alive).map(Row::member).toList();
  }

  @Override
  public void start() {
    long started = System.nanoTime();
    register();
    lastBeat = started;
    if (configuredPort != 0) {
      for (Row row : others()) {
        if (row.name().equals(identity.name()) && row.url().equals(advertisedUrl)) {
          declareGone(row, true);
        }
      }
    }
    tell(new LostInstance(null, identity.name(), Instant.now(), true));
    timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("patchbay-cluster-heartbeat").daemon().factory());
    long interval = properties.heartbeatInterval().toMillis();
    timer.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
      jdbc.sql("DELETE FROM cluster_instance WHERE id = ?").param(identity.id()).update();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("cannot leave the cluster cleanly: {}", e.getMessage());
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null && !timer.isShutdown();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** With a random port, the advertised URL is known once the web server listens. */
  @EventListener
  void webServerStarted(WebServerInitializedEvent event) {
    if (properties.advertisedUrl().isBlank() && configuredPort == 0) {
      advertisedUrl = advertisedUrl(event.getWebServer().getPort());
      jdbc.sql("UPDATE cluster_instance SET advertised_url = ? WHERE id = ?")
          .params(advertisedUrl, identity.id())
          .update();
    }
  }

  private void beat() {
    long started = System.nanoTime();
    try {
      int stamped =
          jdbc.sql("UPDATE cluster_instance SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?")
              .param(identity.id())
              .update();
      if (stamped == 0) {
        rejoin();
      }
      lastBeat = started;
      for (Row row : others()) {
        if (!alive(row)) {
          declareGone(row, false);
        }
      }
    } catch (RuntimeException e) {
      log.warn("cluster heartbeat failed: {}", e.getMessage());
    }
  }

  /** The others declared this instance dead: what it held ends, then it joins again. */
  private void rejoin() {
    log.warn("this instance was declared dead by the others; ending what it held and rejoining");
    for (InstanceLoss handler : handlers.orderedStream().toList()) {
      try {
        handler.evicted();
      } catch (RuntimeException e) {
        log.warn("ending what this instance held failed in {}", handler, e);
      }
    }
    register();
  }

  /**
   * Declares {@code row}'s instance gone if no other survivor did first (the delete matches only
   * the heartbeat read, so one survivor wins and a late heartbeat saves the instance).
   */
  private void declareGone(Row row, boolean previousRun) {
    int won =
        jdbc.sql("DELETE FROM cluster_instance WHERE id = ? AND heartbeat_at = ?")
            .params(row.id(), row.heartbeat())
            .update();
    if (won == 0) {
      return;
    }
    int freed =
        jdbc.sql(
                "UPDATE device_owner SET instance_id = NULL, lost_instance = ?, epoch = epoch + 1"
                    + " WHERE instance_id = ?")
            .params(row.id(), row.id())
            .update();
    log.warn(
        "instance {} ({}) {}; freed {} device(s)",
        row.name(),
        row.id(),
        previousRun ? "is this instance's previous run" : "stopped heartbeating: declared dead",
        freed);
    tell(new LostInstance(row.id(), row.name(), row.heartbeat().toInstant(), previousRun));
  }

  private void tell(LostInstance lost) {
    for (InstanceLoss handler : handlers.orderedStream().toList()) {
      try {
        handler.instanceLost(lost);
      } catch (RuntimeException e) {
        log.warn("ending what instance {} left failed in {}", lost.name(), handler, e);
      }
    }
  }

  private void register() {
    jdbc.sql(
            "INSERT INTO cluster_instance (id, name, advertised_url, started_at, heartbeat_at)"
                + " VALUES (?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
        .params(identity.id(), identity.name(), advertisedUrl)
        .update();
  }

  /** Whether {@code row}'s heartbeat is within the limit. */
  private boolean alive(Row row) {
    return row.age().compareTo(properties.deadAfter()) <= 0;
  }

  private List<Row> others() {
    return rows(
        "SELECT id, name, advertised_url, heartbeat_at, CURRENT_TIMESTAMP AS db_now"
            + " FROM cluster_instance WHERE id <> ?",
        identity.id());
  }

  private List<Row> rows(String sql, String id) {
    return jdbc.sql(sql)
        .param(id)
        .query(
            (rs, n) -> {
              OffsetDateTime heartbeat = rs.getObject("heartbeat_at", OffsetDateTime.class);
              OffsetDateTime now = rs.getObject("db_now", OffsetDateTime.class);
              return new Row(
                  rs.getString("id"),
                  rs.getString("name"),
                  rs.getString("advertised_url"),
                  heartbeat,
                  Duration.between(heartbeat, now));
            })
        .list();
  }

  private Duration fencedAfter() {
    Duration half = properties.deadAfter().dividedBy(2);
    Duration margin =
        properties.heartbeatInterval().compareTo(half) < 0 ? properties.heartbeatInterval() : half;
    return properties.deadAfter().minus(margin);
  }

  private String advertisedUrl(int port) {
    if (!properties.advertisedUrl().isBlank()) {
      return properties.advertisedUrl().replaceAll("/+$", "");
    }
    try {
      return "http://" + InetAddress.getLocalHost().getHostName() + ":" + port;
    } catch (UnknownHostException e) {
      return "http://localhost:" + port;
    }
  }
}
