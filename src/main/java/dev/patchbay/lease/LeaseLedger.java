package dev.patchbay.lease;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The lease state changes, one transaction each. Mutual exclusion comes from the database: every
 * change first locks the rows of the devices involved with {@code SELECT ... FOR UPDATE}
 * (PESSIMISTIC_WRITE, a query that loads no device), one by one in ascending device id. All
 * transactions take device locks in that one global order, so two requests for {A,B} and {B,A} can
 * never deadlock; whoever locks first decides, the other sees the result after the first commits.
 * This works the same on H2 and PostgreSQL and across instances sharing the database. Only then is
 * {@code device_lease_state} read and written: who holds the device, and its fencing counter.
 *
 * <p>A lease whose expiry has passed no longer holds its devices, even before {@link LeaseSweeper}
 * marks it ended: a grant simply takes such a device over. Ending it (and the event) is left to
 * {@link #expire}, which locks all its devices in order as well.
 */
@Component
class LeaseLedger {

  private final EntityManager em;
  private final LeaseRepository leases;
  private final DeviceLeaseStateRepository states;
  private final LeaseTokens tokens;
  private final AuditService audit;
  private final ApplicationEventPublisher events;

  LeaseLedger(
      EntityManager em,
      LeaseRepository leases,
      DeviceLeaseStateRepository states,
      LeaseTokens tokens,
      AuditService audit,
      ApplicationEventPublisher events) {
    this.em = em;
    this.leases = leases;
    this.states = states;
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
  @Transactional(readOnly = true)
  Optional<Busy> findBusy(LeaseClaim claim) {
    Instant now = now();
    for (LeaseClaim.ClaimedDevice device : claim.devices()) {
      Optional<Lease> holder =
          states.findById(device.id()).flatMap(state -> activeLease(state, now));
      if (holder.isPresent()) {
        return Optional.of(
            new Busy(device.name(), holder.get().getHolder(), holder.get().getExpiresAt()));
      }
    }
    return Optional.empty();
  }

  /** Grants all devices of the claim, or none when one is held by an active lease. */
  @Transactional
  Attempt tryGrant(LeaseClaim claim) {
    for (LeaseClaim.ClaimedDevice device : claim.devices()) {
      if (!lock(device.id())) {
        throw PatchbayException.notFound("device", device.name());
      }
    }
    // Stamped only now that every device is locked: a lease ended by whoever held the locks before
    // ended earlier, so stored lease intervals never overlap.
    Instant now = now();
    List<DeviceLeaseState> locked = new ArrayList<>();
    long fencing = 0;
    for (LeaseClaim.ClaimedDevice device : claim.devices()) {
      DeviceLeaseState state =
          states.findById(device.id()).orElseGet(() -> new DeviceLeaseState(device.id()));
      Optional<Lease> holder = activeLease(state, now);
      if (holder.isPresent()) {
        return new Attempt(
            null, new Busy(device.name(), holder.get().getHolder(), holder.get().getExpiresAt()));
      }
      locked.add(state);
      fencing = Math.max(fencing, state.getFencingCounter());
    }
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
    em.persist(lease);
    for (DeviceLeaseState state : locked) {
      state.hold(lease.getId(), lease.getFencingToken());
      if (!em.contains(state)) {
        em.persist(state);
      }
    }
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
  @Transactional
  Lease renew(PresentedLease credentials, Long ttlSeconds) {
    Lease lease = lockLease(credentials).lease();
    Instant now = now();
    if (!lease.isActiveAt(now)) {
      throw new PatchbayException(
          ProblemType.LEASE_ENDED, "lease " + lease.getId() + " has ended; acquire a new one");
    }
    lease.renew(now, ttlSeconds == null ? lease.getTtlSeconds() : ttlSeconds);
    audit.record(
        lease.getHolder(),
        "lease.renew",
        lease.getDevices(),
        AuditOutcome.SUCCESS,
        "lease " + lease.getId() + " until " + lease.getExpiresAt());
    return lease;
  }

  /** Ends a lease at its holder's request; releasing an ended lease changes nothing. */
  @Transactional
  void release(PresentedLease credentials) {
    Locked locked = lockLease(credentials);
    Lease lease = locked.lease();
    if (lease.getEndedAt() == null) {
      boolean expired = !lease.isActiveAt(now());
      end(locked, expired ? LeaseEndReason.EXPIRED : LeaseEndReason.RELEASED);
    }
  }

  /**
   * Ends a lease without its token, for an administrator (a job that lost its token would otherwise
   * wait out the TTL); audited under the administrator's name. Ending an ended lease changes
   * nothing.
   */
  @Transactional
  void forceRelease(long leaseId, String admin) {
    Locked locked = lockLease(leaseId);
    if (locked.lease().getEndedAt() == null) {
      end(locked, LeaseEndReason.FORCED, admin);
    }
  }

  /** Ends a lease nobody will use (its requester went away before the grant reached it). */
  @Transactional
  void abandon(long leaseId) {
    Locked locked = lockLease(leaseId);
    if (locked.lease().getEndedAt() == null) {
      end(locked, LeaseEndReason.RELEASED);
    }
  }

  /** Ends the lease if its expiry has passed and it was not ended or renewed meanwhile. */
  @Transactional
  void expire(long leaseId) {
    Locked locked = lockLease(leaseId);
    Lease lease = locked.lease();
    if (lease.getEndedAt() == null && !lease.isActiveAt(now())) {
      end(locked, LeaseEndReason.EXPIRED);
    }
  }

  /** Audits a refused renewal or release of the lease, naming its holder and devices. */
  @Transactional
  void recordRefusal(long leaseId, String action, String why) {
    leases
        .findById(leaseId)
        .ifPresent(
            lease ->
                audit.record(
                    lease.getHolder(),
                    action,
                    lease.getDevices(),
                    AuditOutcome.REFUSED,
                    "lease " + leaseId + ": " + why));
  }

  @Transactional(readOnly = true)
  List<Long> expiredLeaseIds() {
    return leases.findExpiredIds(now());
  }

  private void end(Locked locked, LeaseEndReason why) {
    end(locked, why, null);
  }

  /** Ends the lease; {@code admin} (null: none) forced it, and is audited as the actor. */
  private void end(Locked locked, LeaseEndReason why, String admin) {
    long heldUntil = System.nanoTime();
    Lease lease = locked.lease();
    lease.end(now(), why);
    for (Long deviceId : locked.deviceIds()) {
      states
          .findById(deviceId)
          .filter(state -> lease.getId().equals(state.getLeaseId()))
          .ifPresent(DeviceLeaseState::free);
    }
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
   * the lease: it is read only now, so it is the state left by whoever held the locks before.
   */
  private Locked lockLease(long leaseId) {
    List<Long> deviceIds =
        em.createQuery(
                "select d.id from Lease l join l.devices name join Device d on d.name = name"
                    + " where l.id = :id order by d.id",
                Long.class)
            .setParameter("id", leaseId)
            .getResultList();
    deviceIds.forEach(this::lock);
    Lease lease = em.find(Lease.class, leaseId);
    if (lease == null) {
      throw PatchbayException.notFound("lease", String.valueOf(leaseId));
    }
    return new Locked(lease, deviceIds);
  }

  /** Locks the device row without loading the device; false when the device does not exist. */
  private boolean lock(long deviceId) {
    return !em.createQuery("select d.id from Device d where d.id = :id", Long.class)
        .setParameter("id", deviceId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .isEmpty();
  }

  private Optional<Lease> activeLease(DeviceLeaseState state, Instant now) {
    if (state.getLeaseId() == null) {
      return Optional.empty();
    }
    return leases.findById(state.getLeaseId()).filter(lease -> lease.isActiveAt(now));
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
}
