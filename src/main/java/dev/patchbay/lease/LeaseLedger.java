package dev.patchbay.lease;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.common.DatabaseProduct;
import dev.patchbay.common.JdbcTransactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lease state changes, one transaction each. Mutual exclusion comes from the database: every
 * change first locks the rows of the devices involved with {@code SELECT ... FOR UPDATE}, one by
 * one in ascending device id. All transactions take device locks in that one global order, so two
 * requests for {A,B} and {B,A} can never deadlock; whoever locks first decides, the other sees the
 * result after the first commits. This works the same on H2 and PostgreSQL and across instances
 * sharing the database. Only then is {@code device_lease_state} read and written: who holds the
 * device, and its fencing counter.
 *
 * <p>Plain JDBC, a handful of indexed statements per change (ADR 0025): a grant or release is on
 * every CI job's path, and an ORM's persistence context, dirty checking and entity loading cost
 * more CPU than the statements themselves. The transactions are plain JDBC ones too ({@link
 * JdbcTransactions}): a JPA transaction opens and closes a Hibernate session each time. {@link
 * Lease} stays the entity the reads map.
 *
 * <p>A lease whose expiry has passed no longer holds its devices, even before {@link LeaseSweeper}
 * marks it ended: a grant simply takes such a device over. Ending it (and the event) is left to
 * {@link #expire}, which locks all its devices in order as well.
 */
@Component
class LeaseLedger {

  /** Device lease state joined with the lease it names; the lease columns are null when free. */
  private static final String STATES =
      "select s.device_id, s.fencing_counter, l.holder, l.expires_at, l.ended_at"
          + " from device_lease_state s left join lease l on l.id = s.lease_id"
          + " where s.device_id in (:ids)";

  private static final String LEASE =
      "select id, holder, reason, token_hash, fencing_token, ttl_seconds, granted_at, expires_at,"
          + " ended_at, end_reason from lease where id = ?";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final LeaseTokens tokens;
  private final AuditService audit;
  private final ApplicationEventPublisher events;
  private final boolean postgres;

  LeaseLedger(
      DataSource dataSource,
      LeaseTokens tokens,
      AuditService audit,
      ApplicationEventPublisher events)
      throws MetaDataAccessException {
    this.jdbc = JdbcClient.create(dataSource);
    this.postgres = DatabaseProduct.isPostgres(dataSource);
    this.transaction = JdbcTransactions.on(dataSource);
    this.tokens = tokens;
    this.audit = audit;
    this.events = events;
  }

  /** A new lease with its secret token (the only time the token is known). */
  record Granted(Lease lease, String token) {}

  /** The device that stopped a grant, who holds it and until when. */
  record Busy(String device, String holder, Instant expiresAt) {}

  /** The outcome of one grant attempt: exactly one of the two is set. */
  record Attempt(Granted granted, Busy busy) {}

  /**
   * A device of the claim held by an active lease, read without locks: a cheap first check, so that
   * busy devices cost no locking transaction (and no commit to disk on PostgreSQL). A claim that
   * looks free is decided by {@link #tryGrant} under the locks.
   */
  Optional<Busy> findBusy(LeaseClaim claim) {
    return firstBusy(claim, states(claim), now());
  }

  /** Grants all devices of the claim, or none when one is held by an active lease. */
  Attempt tryGrant(LeaseClaim claim) {
    return transaction.execute(status -> grant(claim));
  }

  private Attempt grant(LeaseClaim claim) {
    for (LeaseClaim.ClaimedDevice device : claim.devices()) {
      if (!lock(device.id())) {
        throw PatchbayException.notFound("device", device.name());
      }
    }
    // Stamped only now that every device is locked: a lease ended by whoever held the locks before
    // ended earlier, so stored lease intervals never overlap.
    Instant now = now();
    Map<Long, DeviceState> states = states(claim);
    Optional<Busy> busy = firstBusy(claim, states, now);
    if (busy.isPresent()) {
      return new Attempt(null, busy.get());
    }
    long fencing = states.values().stream().mapToLong(DeviceState::fencingCounter).max().orElse(0);
    long heldSince = System.nanoTime();
    String token = tokens.newToken();
    Lease lease =
        new Lease(
            tokens.newId(),
            claim.holder(),
            claim.reason(),
            tokens.hash(token),
            fencing + 1,
            claim.names(),
            claim.ttlSeconds(),
            now);
    Writes writes = new Writes();
    insert(lease, writes);
    for (LeaseClaim.ClaimedDevice device : claim.devices()) {
      String sql =
          states.containsKey(device.id())
              ? "update device_lease_state set lease_id = ?, fencing_counter = ? where device_id = ?"
              : "insert into device_lease_state (lease_id, fencing_counter, device_id)"
                  + " values (?, ?, ?)";
      writes.add(sql, lease.getId(), lease.getFencingToken(), device.id());
    }
    writes.run();
    audit.record(
        claim.holder(),
        "lease.acquire",
        claim.names(),
        AuditOutcome.SUCCESS,
        "lease " + lease.getId() + " until " + lease.getExpiresAt() + reasonSuffix(claim.reason()));
    afterCommit(
        new LeaseGranted(
            lease.getId(), lease.getHolder(), claim.names(), lease.getFencingToken(), heldSince));
    return new Attempt(new Granted(lease, token), null);
  }

  /** Extends an active lease to {@code ttlSeconds} from now. */
  Lease renew(PresentedLease credentials, Long ttlSeconds) {
    return transaction.execute(status -> extend(credentials, ttlSeconds));
  }

  private Lease extend(PresentedLease credentials, Long ttlSeconds) {
    Lease lease = lockLease(credentials).lease();
    Instant now = now();
    if (!lease.isActiveAt(now)) {
      throw new PatchbayException(
          ProblemType.LEASE_ENDED, "lease " + lease.getId() + " has ended; acquire a new one");
    }
    lease.renew(now, ttlSeconds == null ? lease.getTtlSeconds() : ttlSeconds);
    jdbc.sql("update lease set ttl_seconds = ?, expires_at = ? where id = ?")
        .params(lease.getTtlSeconds(), time(lease.getExpiresAt()), lease.getId())
        .update();
    audit.record(
        lease.getHolder(),
        "lease.renew",
        lease.getDevices(),
        AuditOutcome.SUCCESS,
        "lease " + lease.getId() + " until " + lease.getExpiresAt());
    return lease;
  }

  /** Ends a lease at its holder's request; releasing an ended lease changes nothing. */
  void release(PresentedLease credentials) {
    inTransaction(
        () -> {
          Locked locked = lockLease(credentials);
          Lease lease = locked.lease();
          if (lease.getEndedAt() == null) {
            boolean expired = !lease.isActiveAt(now());
            end(locked, expired ? LeaseEndReason.EXPIRED : LeaseEndReason.RELEASED);
          }
        });
  }

  /**
   * Ends a lease without its token, for an administrator (a job that lost its token would otherwise
   * wait out the TTL); audited under the administrator's name. Ending an ended lease changes
   * nothing.
   */
  void forceRelease(long leaseId, String admin) {
    inTransaction(
        () -> {
          Locked locked = lockLease(leaseId);
          if (locked.lease().getEndedAt() == null) {
            end(locked, LeaseEndReason.FORCED, admin);
          }
        });
  }

  /** Ends a lease nobody will use (its requester went away before the grant reached it). */
  void abandon(long leaseId) {
    inTransaction(
        () -> {
          Locked locked = lockLease(leaseId);
          if (locked.lease().getEndedAt() == null) {
            end(locked, LeaseEndReason.RELEASED);
          }
        });
  }

  /** Ends the lease if its expiry has passed and it was not ended or renewed meanwhile. */
  void expire(long leaseId) {
    inTransaction(
        () -> {
          Locked locked = lockLease(leaseId);
          Lease lease = locked.lease();
          if (lease.getEndedAt() == null && !lease.isActiveAt(now())) {
            end(locked, LeaseEndReason.EXPIRED);
          }
        });
  }

  /** Audits a refused renewal or release of the lease, naming its holder and devices. */
  void recordRefusal(long leaseId, String action, String why) {
    inTransaction(
        () ->
            findLease(leaseId)
                .ifPresent(
                    lease ->
                        audit.record(
                            lease.getHolder(),
                            action,
                            lease.getDevices(),
                            AuditOutcome.REFUSED,
                            "lease " + leaseId + ": " + why)));
  }

  /** Ids of leases not ended whose expiry has passed. */
  List<Long> expiredLeaseIds() {
    return jdbc.sql("select id from lease where ended_at is null and expires_at <= ? order by id")
        .param(time(now()))
        .query(Long.class)
        .list();
  }

  private void end(Locked locked, LeaseEndReason why) {
    end(locked, why, null);
  }

  /** Ends the lease; {@code admin} (null: none) forced it, and is audited as the actor. */
  private void end(Locked locked, LeaseEndReason why, String admin) {
    long heldUntil = System.nanoTime();
    Lease lease = locked.lease();
    lease.end(now(), why);
    Writes writes = new Writes();
    writes.add(
        "update lease set ended_at = ?, end_reason = ? where id = ?",
        time(lease.getEndedAt()),
        why.name(),
        lease.getId());
    List<Long> deviceIds = locked.deviceIds();
    if (!deviceIds.isEmpty()) {
      List<Object> params = new ArrayList<>(deviceIds.size() + 1);
      params.add(lease.getId());
      params.addAll(deviceIds);
      writes.add(
          "update device_lease_state set lease_id = null where lease_id = ? and device_id in ("
              + String.join(", ", Collections.nCopies(deviceIds.size(), "?"))
              + ")",
          params.toArray());
    }
    writes.run();
    audit.record(
        admin == null ? lease.getHolder() : admin,
        switch (why) {
          case EXPIRED -> "lease.expire";
          case RELEASED -> "lease.release";
          case FORCED -> "lease.force-release";
        },
        lease.getDevices(),
        AuditOutcome.SUCCESS,
        admin == null
            ? "lease " + lease.getId()
            : "lease " + lease.getId() + " of holder '" + lease.getHolder() + "' ended by admin");
    afterCommit(new LeaseEnded(lease.getId(), List.copyOf(lease.getDevices()), why, heldUntil));
  }

  /** A lease read after its devices were locked, with the ids of those devices. */
  private record Locked(Lease lease, List<Long> deviceIds) {}

  /** Locks the lease's devices in id order, then reads the lease and checks the token. */
  private Locked lockLease(PresentedLease credentials) {
    Locked locked = lockLease(credentials.leaseId());
    if (!tokens.matches(credentials.token(), locked.lease().getTokenHash())) {
      throw new PatchbayException(
          ProblemType.LEASE_TOKEN, "the token does not belong to lease " + locked.lease().getId());
    }
    return locked;
  }

  /**
   * Locks the devices of the lease that still exist, in ascending id (the lock order), then reads
   * the lease: it is read only now, so it is the state left by whoever held the locks before. Its
   * device list, written once at the grant, is read with their ids in one statement.
   */
  private Locked lockLease(long leaseId) {
    List<String> devices = new ArrayList<>();
    List<Long> deviceIds = new ArrayList<>();
    jdbc.sql(
            "select ld.device_name, d.id from lease_device ld"
                + " left join device d on d.name = ld.device_name"
                + " where ld.lease_id = ? order by ld.position")
        .param(leaseId)
        .query(
            (RowCallbackHandler)
                row -> {
                  devices.add(row.getString(1));
                  long id = row.getLong(2);
                  if (!row.wasNull()) {
                    deviceIds.add(id);
                  }
                });
    deviceIds.sort(null);
    deviceIds.forEach(this::lock);
    Lease lease =
        readLease(leaseId, devices)
            .orElseThrow(() -> PatchbayException.notFound("lease", String.valueOf(leaseId)));
    return new Locked(lease, deviceIds);
  }

  private Optional<Lease> findLease(long leaseId) {
    List<String> devices =
        jdbc.sql("select device_name from lease_device where lease_id = ? order by position")
            .param(leaseId)
            .query(String.class)
            .list();
    return readLease(leaseId, devices);
  }

  private Optional<Lease> readLease(long leaseId, List<String> devices) {
    return jdbc.sql(LEASE).param(leaseId).query((row, n) -> lease(row, devices)).optional();
  }

  private void insert(Lease lease, Writes writes) {
    writes.add(
        "insert into lease (id, holder, reason, token_hash, fencing_token, ttl_seconds,"
            + " granted_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        lease.getId(),
        lease.getHolder(),
        lease.getReason(),
        lease.getTokenHash(),
        lease.getFencingToken(),
        lease.getTtlSeconds(),
        time(lease.getGrantedAt()),
        time(lease.getExpiresAt()));
    List<String> devices = lease.getDevices();
    for (int i = 0; i < devices.size(); i++) {
      writes.add(
          "insert into lease_device (lease_id, position, device_name) values (?, ?, ?)",
          lease.getId(),
          i,
          devices.get(i));
    }
  }

  /**
   * Statements whose results nobody reads, run in order: on PostgreSQL as one multi-statement
   * prepared statement, which its driver sends in one round trip (a grant's writes took three, a
   * release's two, each a wait for the database on the request's path); elsewhere one by one.
   */
  private final class Writes {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    void add(String statement, Object... values) {
      if (!postgres) {
        jdbc.sql(statement).params(values).update();
        return;
      }
      sql.append(sql.isEmpty() ? "" : "; ").append(statement);
      params.addAll(Arrays.asList(values));
    }

    void run() {
      if (!sql.isEmpty()) {
        jdbc.sql(sql.toString()).params(params).update();
      }
    }
  }

  /** Locks the device row without reading it; false when the device does not exist. */
  private boolean lock(long deviceId) {
    return jdbc.sql("select id from device where id = ? for update")
        .param(deviceId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  private Map<Long, DeviceState> states(LeaseClaim claim) {
    Map<Long, DeviceState> states = new HashMap<>();
    jdbc.sql(STATES)
        .param("ids", claim.devices().stream().map(LeaseClaim.ClaimedDevice::id).toList())
        .query(LeaseLedger::deviceState)
        .list()
        .forEach(state -> states.put(state.deviceId(), state));
    return states;
  }

  private static Optional<Busy> firstBusy(
      LeaseClaim claim, Map<Long, DeviceState> states, Instant now) {
    for (LeaseClaim.ClaimedDevice device : claim.devices()) {
      DeviceState state = states.get(device.id());
      if (state != null && state.heldAt(now)) {
        return Optional.of(new Busy(device.name(), state.holder(), state.expiresAt()));
      }
    }
    return Optional.empty();
  }

  /** A device's fencing counter and the holder and expiry of the lease it names (null: none). */
  private record DeviceState(
      long deviceId, long fencingCounter, String holder, Instant expiresAt, boolean ended) {

    boolean heldAt(Instant now) {
      return holder != null && !ended && expiresAt.isAfter(now);
    }
  }

  private static DeviceState deviceState(ResultSet row, int number) throws SQLException {
    return new DeviceState(
        row.getLong("device_id"),
        row.getLong("fencing_counter"),
        row.getString("holder"),
        instant(row, "expires_at"),
        row.getObject("ended_at") != null);
  }

  private static Lease lease(ResultSet row, List<String> devices) throws SQLException {
    return Lease.stored(
        row.getLong("id"),
        row.getString("holder"),
        row.getString("reason"),
        row.getString("token_hash"),
        row.getLong("fencing_token"),
        devices,
        row.getLong("ttl_seconds"),
        instant(row, "granted_at"),
        instant(row, "expires_at"),
        instant(row, "ended_at"),
        row.getString("end_reason"));
  }

  private void inTransaction(Runnable change) {
    transaction.executeWithoutResult(status -> change.run());
  }

  private void afterCommit(Object event) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            events.publishEvent(event);
          }
        });
  }

  private static String reasonSuffix(String reason) {
    return reason == null || reason.isBlank() ? "" : ": " + reason;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }
}
