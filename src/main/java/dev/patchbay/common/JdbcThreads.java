package dev.patchbay.common;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs short plain-JDBC transactions (the lease ledger) on a few platform threads, as many as the
 * connection pool has connections, when the database is reached over the network (PostgreSQL). A
 * virtual thread parks on every statement's round trip and is woken through the JDK's pollers and
 * the carrier pool; a platform thread sleeps in the socket read and the kernel wakes it. A lease
 * pair makes about 17 round trips, and on a virtual thread they cost about 40 context switches and
 * a quarter of the service's CPU in the kernel. Like {@link Blocking}, never interrupts work whose
 * caller cancelled, and a submission never blocks (it may come from an event loop).
 */
@Component
public class JdbcThreads implements DisposableBean {

  private static final int DEFAULT_THREADS = 10;

  /** Null for an embedded database: its work runs on {@link Blocking}'s virtual threads. */
  private final ThreadPoolExecutor executor;

  private final Scheduler scheduler;

  JdbcThreads(DataSource dataSource, Blocking blocking) {
    if (embedded(dataSource)) {
      this.executor = null;
      this.scheduler = blocking.scheduler();
      return;
    }
    int threads = poolSize(dataSource);
    AtomicInteger number = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new LinkedTransferQueue<>(),
            work -> new Worker(work, "jdbc-" + number.incrementAndGet()));
    // Started now and kept: a submission from an event loop then only offers to a lock-free queue
    // (starting a thread takes the executor's lock).
    executor.prestartAllCoreThreads();
    this.scheduler = Schedulers.fromExecutor(executor::execute);
  }

  /** Defers {@code work} to a JDBC thread; an empty result ({@code null}) completes empty. */
  public <T> Mono<T> call(Callable<T> work) {
    return Blocking.callOn(scheduler, work);
  }

  /** Defers {@code work} without a result. */
  public Mono<Void> run(Runnable work) {
    return call(() -> {
          work.run();
          return null;
        })
        .then();
  }

  /** Whether the calling thread is one of these (it may run more JDBC work in place). */
  public boolean isCurrent() {
    return executor == null
        ? Thread.currentThread().isVirtual()
        : Thread.currentThread() instanceof Worker;
  }

  @Override
  public void destroy() {
    if (executor != null) {
      scheduler.dispose();
      executor.shutdown();
    }
  }

  /**
   * Embedded H2 makes no round trips to wait in; on more threads than vCPUs its commits contend for
   * the store's locks and spin (a tenth of the pairs per second at 20 times the CPU per pair).
   */
  private static boolean embedded(DataSource dataSource) {
    try {
      return DatabaseProduct.isH2(dataSource);
    } catch (MetaDataAccessException e) {
      return false;
    }
  }

  /** Threads beyond the connection pool's size would only wait for a connection. */
  private static int poolSize(DataSource dataSource) {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        return dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
      }
    } catch (SQLException e) {
      // not a pool we know: the default below
    }
    return DEFAULT_THREADS;
  }

  private static final class Worker extends Thread {
    Worker(Runnable work, String name) {
      super(work, name);
      setDaemon(true);
    }
  }
}
