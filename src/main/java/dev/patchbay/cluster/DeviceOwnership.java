package dev.patchbay.cluster;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One owner per device ({@code device_owner}): the instance holding the device's live sessions, so
 * that its per-device limits, pools and write control stay in one place. Claimed when the first
 * session opens, released when the last one closes. Every change is a compare-and-set on the row's
 * epoch, which rises on every claim (and when a dead owner's devices are freed), so a release by an
 * instance that lost the device in between changes nothing; an instance that cannot keep its
 * heartbeat fresh claims nothing ({@link Membership#canAct()}). A dead owner's device is taken over
 * at once by the next claim. Blocking (JDBC).
 */
@Component
public class DeviceOwnership {

  private static final Logger log = LoggerFactory.getLogger(DeviceOwnership.class);
  private static final int ATTEMPTS = 5;

  private final JdbcClient jdbc;
  private final InstanceIdentity identity;
  private final Membership membership;
  private final ClusterProperties properties;

  /** The devices this instance owns, with the epoch of its claim. */
  private final Map<String, Long> owned = new ConcurrentHashMap<>();

  private record Row(
      String instanceId,
      long epoch,
      String lostInstance,
      String name,
      String url,
      OffsetDateTime heartbeat,
      OffsetDateTime now) {

    boolean ownerAlive(Duration deadAfter) {
      return heartbeat != null && Duration.between(heartbeat, now).compareTo(deadAfter) <= 0;
    }
  }

  DeviceOwnership(
      DataSource dataSource,
      InstanceIdentity identity,
      Membership membership,
      ClusterProperties properties) {
    this.jdbc = JdbcClient.create(dataSource);
    this.identity = identity;
    this.membership = membership;
    this.properties = properties;
  }

  /** Whether this instance owns {@code device} (no query: it knows its own devices). */
  public boolean owns(String device) {
    return owned.containsKey(device);
  }

  /** Where {@code device}'s sessions live now; this instance's own devices need no query. */
  public DeviceOwner owner(String device) {
    if (owned.containsKey(device)) {
      return new DeviceOwner(true, null, null);
    }
    return row(device).map(this::ownerOf).orElse(DeviceOwner.NONE);
  }

  /**
   * Makes this instance the owner of {@code device} (a no-op when it is): refused with {@code
   * owned-elsewhere} when a live instance owns it, and with {@code shutting-down} when this
   * instance's heartbeat is too old to act.
   */
  public void claim(String device) {
    checkCanAct();
    if (owned.containsKey(device)) {
      return;
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Row> current = row(device);
      if (current.isEmpty()) {
        try {
          jdbc.sql(
                  "INSERT INTO device_owner (device, instance_id, epoch, claimed_at)"
                      + " VALUES (?, ?, 1, CURRENT_TIMESTAMP)")
              .params(device, identity.id())
              .update();
          owned.put(device, 1L);
          return;
        } catch (DuplicateKeyException raced) {
          continue;
        }
      }
      Row row = current.get();
      if (row.instanceId() != null
          && !row.instanceId().equals(identity.id())
          && row.ownerAlive(properties.deadAfter())) {
        throw new PatchbayException(
            ProblemType.OWNED_ELSEWHERE,
            "the sessions of device '" + device + "' live on instance " + row.name());
      }
      int claimed =
          jdbc.sql(
                  "UPDATE device_owner SET instance_id = ?, epoch = epoch + 1,"
                      + " lost_instance = NULL, claimed_at = CURRENT_TIMESTAMP"
                      + " WHERE device = ? AND epoch = ?")
              .params(identity.id(), device, row.epoch())
              .update();
      if (claimed == 1) {
        owned.put(device, row.epoch() + 1);
        return;
      }
    }
    throw new PatchbayException(
        ProblemType.OWNED_ELSEWHERE,
        "device '" + device + "' is being claimed by other instances; try again");
  }

  /** Gives up {@code device} (its last session closed); nothing if it was lost in between. */
  public void release(String device) {
    Long epoch = owned.remove(device);
    if (epoch == null) {
      return;
    }
    int released =
        jdbc.sql(
                "UPDATE device_owner SET instance_id = NULL"
                    + " WHERE device = ? AND instance_id = ? AND epoch = ?")
            .params(device, identity.id(), epoch)
            .update();
    if (released == 0) {
      log.warn("device '{}' was no longer owned by this instance when released", device);
    }
  }

  /** Forgets every device: the others declared this instance dead and freed them. */
  public void forgetAll() {
    owned.clear();
  }

  /** Refuses when this instance's heartbeat is too old for it to act as an owner. */
  public void checkCanAct() {
    if (!membership.canAct()) {
      throw new PatchbayException(
          ProblemType.SESSION_LOST,
          "this instance cannot reach the cluster's database in time and may have been declared"
              + " dead; its sessions are lost");
    }
  }

  private DeviceOwner ownerOf(Row row) {
    if (row.instanceId() == null) {
      return new DeviceOwner(false, null, row.lostInstance());
    }
    if (row.instanceId().equals(identity.id())) {
      return new DeviceOwner(true, null, null);
    }
    return row.ownerAlive(properties.deadAfter())
        ? new DeviceOwner(false, new ClusterMember(row.instanceId(), row.name(), row.url()), null)
        : new DeviceOwner(false, null, row.instanceId());
  }

  private Optional<Row> row(String device) {
    return jdbc.sql(
            "SELECT o.instance_id, o.epoch, o.lost_instance, i.name, i.advertised_url,"
                + " i.heartbeat_at, CURRENT_TIMESTAMP AS db_now FROM device_owner o"
                + " LEFT JOIN cluster_instance i ON i.id = o.instance_id WHERE o.device = ?")
        .param(device)
        .query(
            (rs, n) ->
                new Row(
                    rs.getString("instance_id"),
                    rs.getLong("epoch"),
                    rs.getString("lost_instance"),
                    rs.getString("name"),
                    rs.getString("advertised_url"),
                    rs.getObject("heartbeat_at", OffsetDateTime.class),
                    rs.getObject("db_now", OffsetDateTime.class)))
        .optional();
  }
}
