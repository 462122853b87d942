package dev.patchbay.lease;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.inventory.DeviceWriteGuard;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enforces leases on writes: a mutating call on a leased device must present the lease ({@code
 * Patchbay-Lease: <leaseId>:<token>}), else 423; a {@code Patchbay-Fencing-Token} older than the
 * device's latest grant is refused with 409 (a holder whose lease ended and was granted to someone
 * else). Reads and unleased devices need nothing. Refusals are audited. Call it before the write,
 * off the event loop.
 */
@Component
public class LeaseGuard implements DeviceWriteGuard {

  private final DeviceLeaseStateRepository states;
  private final LeaseRepository leases;
  private final LeaseTokens tokens;
  private final AuditService audit;
  private final TransactionTemplate reading;

  LeaseGuard(
      DeviceLeaseStateRepository states,
      LeaseRepository leases,
      LeaseTokens tokens,
      AuditService audit,
      PlatformTransactionManager transactions) {
    this.states = states;
    this.leases = leases;
    this.tokens = tokens;
    this.audit = audit;
    this.reading = new TransactionTemplate(transactions);
    this.reading.setReadOnly(true);
  }

  /** Refuses (and audits) the write unless allowed; see the class comment. */
  @Override
  public void checkWrite(String device, String lease, String fencingToken) {
    try {
      reading.executeWithoutResult(status -> check(device, lease, fencingToken));
    } catch (PatchbayException e) {
      if (e.type() == ProblemType.LOCKED || e.type() == ProblemType.STALE_FENCING_TOKEN) {
        audit.record(null, "device.write", List.of(device), AuditOutcome.REFUSED, e.getMessage());
      }
      throw e;
    }
  }

  private void check(String device, String lease, String fencingToken) {
    Long fencing = LeaseCredentials.parseFencingToken(fencingToken);
    Optional<DeviceLeaseState> state = states.findByDeviceName(device);
    if (state.isEmpty()) {
      return;
    }
    Optional<Lease> holder =
        Optional.ofNullable(state.get().getLeaseId())
            .flatMap(leases::findById)
            .filter(l -> l.isActiveAt(Instant.now()));
    if (holder.isPresent()) {
      checkHolder(device, holder.get(), lease);
    }
    if (fencing != null && fencing < state.get().getFencingCounter()) {
      throw new PatchbayException(
          ProblemType.STALE_FENCING_TOKEN,
          "fencing token "
              + fencing
              + " is older than the latest grant on device '"
              + device
              + "' ("
              + state.get().getFencingCounter()
              + ")",
          List.of(),
          Map.of("device", device, "currentFencingToken", state.get().getFencingCounter()));
    }
  }

  private void checkHolder(String device, Lease holder, String header) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("device", device);
    properties.put("holder", holder.getHolder());
    properties.put("expiresAt", holder.getExpiresAt().toString());
    if (header == null || header.isBlank()) {
      throw new PatchbayException(
          ProblemType.LOCKED,
          "device '"
              + device
              + "' is leased by '"
              + holder.getHolder()
              + "'; send its lease as header '"
              + LEASE_HEADER
              + ": <leaseId>:<token>'",
          List.of(),
          properties);
    }
    LeaseCredentials credentials = LeaseCredentials.parse(header);
    if (credentials.leaseId() != holder.getId()
        || !tokens.matches(credentials.token(), holder.getTokenHash())) {
      throw new PatchbayException(
          ProblemType.LOCKED,
          "device '" + device + "' is leased by '" + holder.getHolder() + "' under another lease",
          List.of(),
          properties);
    }
  }
}
