package dev.patchbay.lease;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.inventory.DeviceWriteGuard;
import dev.patchbay.web.LeaseCredentials;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Enforces leases on writes: a mutating call on a leased device must present the lease ({@code
 * Patchbay-Lease: <leaseId>:<token>}), else 423; a {@code Patchbay-Fencing-Token} older than the
 * device's latest grant is refused with 409 (a holder whose lease ended and was granted to someone
 * else). Reads and unleased devices need nothing. Refusals are audited. Call it before the write,
 * off the event loop.
 */
@Component
public class LeaseGuard implements DeviceWriteGuard {

  /**
   * The device's lease state and the lease holding it, in one indexed query: every session call
   * checks it, so it goes straight to JDBC (no persistence context, no transaction of its own).
   */
  private static final String DEVICE_LEASE =
      "select s.fencing_counter, l.id, l.holder, l.token_hash, l.expires_at, l.ended_at"
          + " from device_lease_state s join device d on d.id = s.device_id"
          + " left join lease l on l.id = s.lease_id where d.name = ?";

  private final JdbcClient jdbc;
  private final LeaseTokens tokens;
  private final AuditService audit;

  LeaseGuard(DataSource dataSource, LeaseTokens tokens, AuditService audit) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tokens = tokens;
    this.audit = audit;
  }

  /** Refuses (and audits) the write unless allowed; see the class comment. */
  @Override
  public void checkWrite(String device, String lease, String fencingToken) {
    try {
      check(device, lease, fencingToken);
    } catch (PatchbayException e) {
      if (e.type() == ProblemType.LOCKED || e.type() == ProblemType.STALE_FENCING_TOKEN) {
        audit.record(null, "device.write", List.of(device), AuditOutcome.REFUSED, e.getMessage());
      }
      throw e;
    }
  }

  private void check(String device, String lease, String fencingToken) {
    Long fencing = PresentedLease.parseFencingToken(fencingToken);
    Optional<DeviceLease> state =
        jdbc.sql(DEVICE_LEASE).param(device).query(LeaseGuard::deviceLease).optional();
    if (state.isEmpty()) {
      return;
    }
    if (state.get().isHeldAt(Instant.now())) {
      checkHolder(device, state.get(), lease);
    }
    long counter = state.get().fencingCounter();
    if (fencing != null && fencing < counter) {
      throw new PatchbayException(
          ProblemType.STALE_FENCING_TOKEN,
          "fencing token "
              + fencing
              + " is older than the latest grant on device '"
              + device
              + "' ("
              + counter
              + ")",
          List.of(),
          Map.of("device", device, "currentFencingToken", counter));
    }
  }

  private void checkHolder(String device, DeviceLease holder, String header) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("device", device);
    properties.put("holder", holder.holder());
    properties.put("expiresAt", holder.expiresAt().toString());
    if (header == null || header.isBlank()) {
      throw new PatchbayException(
          ProblemType.LOCKED,
          "device '"
              + device
              + "' is leased by '"
              + holder.holder()
              + "'; send its lease as header '"
              + LeaseCredentials.LEASE_HEADER
              + ": <leaseId>:<token>'",
          List.of(),
          properties);
    }
    PresentedLease credentials = PresentedLease.parse(header);
    if (credentials.leaseId() != holder.leaseId()
        || !tokens.matches(credentials.token(), holder.tokenHash())) {
      throw new PatchbayException(
          ProblemType.LOCKED,
          "device '" + device + "' is leased by '" + holder.holder() + "' under another lease",
          List.of(),
          properties);
    }
  }

  private static DeviceLease deviceLease(ResultSet row, int number) throws SQLException {
    OffsetDateTime expiresAt = row.getObject(5, OffsetDateTime.class);
    return new DeviceLease(
        row.getLong(1),
        row.getObject(2, Long.class),
        row.getString(3),
        row.getString(4),
        expiresAt == null ? null : expiresAt.toInstant(),
        row.getObject(6) != null);
  }

  /** A device's fencing counter and the lease recorded as holding it (fields null when free). */
  private record DeviceLease(
      long fencingCounter,
      Long leaseId,
      String holder,
      String tokenHash,
      Instant expiresAt,
      boolean ended) {

    boolean isHeldAt(Instant now) {
      return leaseId != null && !ended && expiresAt.isAfter(now);
    }
  }
}
