package dev.patchbay.lease;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.common.Blocking;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The lease requests of this instance, first come first served. A request joins the queue and is
 * granted by a drain pass, which walks the queue in arrival order and tries each request whose
 * devices no earlier waiting request also wants, so a later request never overtakes an earlier one
 * on a shared device. Passes run one at a time on {@link Blocking} threads; callers park on a
 * future, never on a Netty thread. A pass runs on every arrival, release, cancellation, timeout and
 * sweep (which also picks up releases made by other instances).
 */
@Component
class LeaseQueue {

  private static final Logger log = LoggerFactory.getLogger(LeaseQueue.class);

  private final LeaseLedger ledger;
  private final AuditService audit;
  private final Blocking blocking;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Waiter> waiters = new ArrayList<>();
  private final AtomicBoolean drainRequested = new AtomicBoolean();

  LeaseQueue(LeaseLedger ledger, AuditService audit, Blocking blocking) {
    this.ledger = ledger;
    this.audit = audit;
    this.blocking = blocking;
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
          drainSoon();
          return Mono.fromFuture(waiter.result)
              .doFinally(
                  signal -> {
                    if (timer != null) {
                      timer.dispose();
                    }
                  })
              .doOnCancel(this::drainSoon);
        });
  }

  /** Number of requests waiting now. */
  int waiting() {
    lock.lock();
    try {
      return waiters.size();
    } finally {
      lock.unlock();
    }
  }

  /** Runs a drain pass soon on a blocking thread. */
  void drainSoon() {
    blocking.run(this::drain).subscribe(null, e -> log.error("lease queue drain failed", e));
  }

  /** Runs drain passes until no more are requested; returns at once if another thread drains. */
  void drain() {
    drainRequested.set(true);
    while (drainRequested.get() && lock.tryLock()) {
      List<Runnable> afterPass = new ArrayList<>();
      try {
        drainRequested.set(false);
        pass(afterPass);
      } finally {
        lock.unlock();
      }
      afterPass.forEach(Runnable::run);
    }
  }

  private void pass(List<Runnable> afterPass) {
    Set<String> wantedEarlier = new HashSet<>();
    Iterator<Waiter> it = waiters.iterator();
    while (it.hasNext()) {
      Waiter waiter = it.next();
      LeaseClaim claim = waiter.claim;
      if (waiter.result.isDone()) {
        it.remove();
        continue;
      }
      if (claim.overlaps(wantedEarlier)) {
        if (claim.patience().isZero()) {
          it.remove();
          afterPass.add(() -> refuse(waiter, "an earlier request is waiting for the devices"));
        } else {
          wantedEarlier.addAll(claim.names());
        }
        continue;
      }
      LeaseLedger.Attempt attempt;
      try {
        attempt =
            ledger
                .findBusy(claim)
                .map(busy -> new LeaseLedger.Attempt(null, busy))
                .orElseGet(() -> ledger.tryGrant(claim));
      } catch (RuntimeException e) {
        it.remove();
        afterPass.add(() -> waiter.result.completeExceptionally(e));
        continue;
      }
      if (attempt.granted() != null) {
        it.remove();
        afterPass.add(() -> deliver(waiter, attempt.granted()));
      } else if (claim.patience().isZero()) {
        it.remove();
        waiter.busy = attempt.busy();
        afterPass.add(() -> refuse(waiter, "the devices are busy"));
      } else {
        waiter.busy = attempt.busy();
        wantedEarlier.addAll(claim.names());
      }
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

  /** One queued request. {@code busy} is written and read under the queue lock or after it. */
  private static final class Waiter {
    final LeaseClaim claim;
    final CompletableFuture<LeaseLedger.Granted> result = new CompletableFuture<>();
    volatile LeaseLedger.Busy busy;

    Waiter(LeaseClaim claim) {
      this.claim = claim;
    }
  }
}
