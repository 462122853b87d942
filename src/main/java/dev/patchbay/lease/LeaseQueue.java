package dev.patchbay.lease;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.common.Blocking;
import dev.patchbay.common.JdbcThreads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The lease requests of this instance, first come first served. A drain pass walks the queue in
 * arrival order and starts a grant attempt for each request whose devices no earlier waiting or
 * trying request also wants, so a later request never overtakes an earlier one on a shared device,
 * while requests for disjoint devices try at once, each on a {@link JdbcThreads} thread (an
 * arriving request's first attempt on the thread it was validated on). The pass itself only looks
 * at memory: the queue lock is never held during database work, and callers park on a future, never
 * on a Netty thread.
 *
 * <p>A pass runs on every arrival, finished attempt, cancellation and timeout, and on {@link
 * #devicesFreed} (a release, an expiry, or a sweep, which also picks up releases made by other
 * instances). A request found busy tries again only after such a signal.
 */
@Component
class LeaseQueue {

  private static final Logger log = LoggerFactory.getLogger(LeaseQueue.class);

  private final LeaseLedger ledger;
  private final AuditService audit;
  private final Blocking blocking;
  private final JdbcThreads jdbcThreads;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Waiter> waiters = new ArrayList<>();

  /** Counts {@link #devicesFreed} signals; a busy request retries once it has moved on. */
  private final AtomicLong freed = new AtomicLong();

  LeaseQueue(LeaseLedger ledger, AuditService audit, Blocking blocking, JdbcThreads jdbcThreads) {
    this.ledger = ledger;
    this.audit = audit;
    this.blocking = blocking;
    this.jdbcThreads = jdbcThreads;
  }

  /** Queues the claim; completes with the grant, or a lease-conflict once the wait is over. */
  Mono<LeaseLedger.Granted> acquire(LeaseClaim claim) {
    return Mono.defer(
        () -> {
          Waiter waiter = new Waiter(claim);
          lock.lock();
          try {
            waiters.add(waiter);
          } finally {
            lock.unlock();
          }
          Disposable timer =
              claim.patience().isZero()
                  ? null
                  : Mono.delay(claim.patience())
                      .publishOn(blocking.scheduler())
                      .subscribe(tick -> timeOut(waiter));
          drain(waiter);
          return Mono.fromFuture(waiter.result)
              .doFinally(
                  signal -> {
                    if (timer != null) {
                      timer.dispose();
                    }
                  })
              .doOnCancel(
                  () ->
                      blocking
                          .run(this::drain)
                          .subscribe(null, e -> log.error("lease queue drain failed", e)));
        });
  }

  /** Number of requests waiting now (trying ones included). */
  int waiting() {
    lock.lock();
    try {
      return waiters.size();
    } finally {
      lock.unlock();
    }
  }

  /** Devices may have become free: requests found busy try again. Blocking. */
  void devicesFreed() {
    freed.incrementAndGet();
    drain();
  }

  /** Starts the attempts the queue allows now and refuses what cannot wait. Blocking. */
  private void drain() {
    drain(null);
  }

  /**
   * {@link #drain()}, running {@code caller}'s own attempt, if it may start, on this thread when
   * that is a JDBC thread (the arrival's: one hand-off less on every grant).
   */
  private void drain(Waiter caller) {
    List<Waiter> start = new ArrayList<>();
    List<Waiter> refused = new ArrayList<>();
    lock.lock();
    try {
      pass(start, refused);
    } finally {
      lock.unlock();
    }
    refused.forEach(waiter -> refuse(waiter, "an earlier request is waiting for the devices"));
    boolean inline = caller != null && jdbcThreads.isCurrent() && start.remove(caller);
    for (Waiter waiter : start) {
      jdbcThreads
          .run(() -> attempt(waiter))
          .subscribe(null, e -> log.error("lease grant attempt failed", e));
    }
    if (inline) {
      attempt(caller);
    }
  }

  private void pass(List<Waiter> start, List<Waiter> refused) {
    long now = freed.get();
    Set<String> wantedEarlier = new HashSet<>();
    Iterator<Waiter> it = waiters.iterator();
    while (it.hasNext()) {
      Waiter waiter = it.next();
      LeaseClaim claim = waiter.claim;
      if (waiter.result.isDone()) {
        it.remove();
      } else if (!waiter.trying && claim.overlaps(wantedEarlier)) {
        if (claim.patience().isZero()) {
          it.remove();
          refused.add(waiter);
        } else {
          wantedEarlier.addAll(claim.names());
        }
      } else {
        if (!waiter.trying && (waiter.busy == null || waiter.triedAt < now)) {
          waiter.trying = true;
          waiter.triedAt = now;
          start.add(waiter);
        }
        wantedEarlier.addAll(claim.names());
      }
    }
  }

  /**
   * One grant attempt. A request found busy before first asks cheaply, without locks, whether its
   * devices are still busy.
   */
  private void attempt(Waiter waiter) {
    LeaseClaim claim = waiter.claim;
    LeaseLedger.Attempt attempt;
    try {
      attempt =
          waiter.busy == null
              ? ledger.tryGrant(claim)
              : ledger
                  .findBusy(claim)
                  .map(busy -> new LeaseLedger.Attempt(null, busy))
                  .orElseGet(() -> ledger.tryGrant(claim));
    } catch (RuntimeException e) {
      finish(waiter, true);
      waiter.result.completeExceptionally(e);
      drain();
      return;
    }
    if (attempt.granted() != null) {
      finish(waiter, true);
      deliver(waiter, attempt.granted());
    } else {
      waiter.busy = attempt.busy();
      boolean gaveUp = claim.patience().isZero();
      finish(waiter, gaveUp);
      if (gaveUp) {
        refuse(waiter, "the devices are busy");
      }
    }
    drain();
  }

  private void finish(Waiter waiter, boolean leave) {
    lock.lock();
    try {
      waiter.trying = false;
      if (leave) {
        waiters.remove(waiter);
      }
    } finally {
      lock.unlock();
    }
  }

  private void timeOut(Waiter waiter) {
    boolean removed;
    lock.lock();
    try {
      removed = waiters.remove(waiter);
    } finally {
      lock.unlock();
    }
    if (removed) {
      refuse(waiter, "the devices stayed busy for " + waiter.claim.patience().toSeconds() + " s");
      drain();
    }
  }

  private void deliver(Waiter waiter, LeaseLedger.Granted granted) {
    if (!waiter.result.complete(granted)) {
      ledger.abandon(granted.lease().getId());
      devicesFreed();
    }
  }

  private void refuse(Waiter waiter, String why) {
    LeaseClaim claim = waiter.claim;
    LeaseLedger.Busy busy = waiter.busy;
    Map<String, Object> properties = new LinkedHashMap<>();
    String detail = why;
    if (busy != null) {
      properties.put("device", busy.device());
      properties.put("holder", busy.holder());
      properties.put("expiresAt", busy.expiresAt().toString());
      detail =
          "device '"
              + busy.device()
              + "' is leased by '"
              + busy.holder()
              + "' until "
              + busy.expiresAt()
              + "; "
              + why;
    }
    audit.record(claim.holder(), "lease.acquire", claim.names(), AuditOutcome.REFUSED, detail);
    waiter.result.completeExceptionally(
        new PatchbayException(ProblemType.LEASE_CONFLICT, detail, List.of(), properties));
  }

  /**
   * One queued request. {@code trying} and {@code triedAt} are guarded by the queue lock; {@code
   * busy} is written by the request's only running attempt and read after it.
   */
  private static final class Waiter {
    final LeaseClaim claim;
    final CompletableFuture<LeaseLedger.Granted> result = new CompletableFuture<>();
    boolean trying;
    long triedAt;
    volatile LeaseLedger.Busy busy;

    Waiter(LeaseClaim claim) {
      this.claim = claim;
    }
  }
}
