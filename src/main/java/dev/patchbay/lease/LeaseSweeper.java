package dev.patchbay.lease;

import dev.patchbay.common.Blocking;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code patchbay.lease.sweep-interval} (and once at start, which ends the leases that
 * expired while the service was down): ends expired leases, then lets waiting requests try again.
 * The database is the only lease state, so nothing else needs rebuilding after a restart.
 *
 * <p>In a cluster the expiry runs on one instance per tick ({@link LeaseSweepLock}), while every
 * instance lets its own waiters try again on every tick: that short poll is how a waiter on one
 * instance learns of a release or expiry on another (within one interval).
 */
@Component
class LeaseSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

  private final LeaseLedger ledger;
  private final LeaseQueue queue;
  private final LeaseSweepLock lock;
  private final Blocking blocking;
  private final Duration interval;
  private volatile Disposable schedule;

  LeaseSweeper(
      LeaseLedger ledger,
      LeaseQueue queue,
      LeaseSweepLock lock,
      Blocking blocking,
      LeaseProperties properties) {
    this.ledger = ledger;
    this.queue = queue;
    this.lock = lock;
    this.blocking = blocking;
    this.interval = properties.sweepInterval();
  }

  /** Ends every lease whose expiry has passed (unless another instance does) and serves waiters. */
  void sweep() {
    lock.runExclusively(
        () -> {
          for (Long id : ledger.expiredLeaseIds()) {
            ledger.expire(id);
          }
        });
    queue.devicesFreed();
  }

  @Override
  public void start() {
    schedule =
        Flux.interval(Duration.ZERO, interval)
            .onBackpressureDrop()
            .concatMap(tick -> blocking.run(this::sweep).onErrorResume(this::logged), 1)
            .subscribe();
  }

  @Override
  public void stop() {
    schedule.dispose();
  }

  @Override
  public boolean isRunning() {
    return schedule != null && !schedule.isDisposed();
  }

  private Mono<Void> logged(Throwable e) {
    log.warn("lease sweep failed, retrying in {}: {}", interval, e.toString());
    log.debug("lease sweep failure", e);
    return Mono.empty();
  }
}
