package dev.patchbay.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking work (JPA, blocking drivers) on virtual threads so that no Netty event-loop thread
 * ever waits. Controllers wrap every repository or service call in {@link #call}. Work that has
 * started runs to its end even when its caller cancels.
 */
@Component
public class Blocking implements DisposableBean {

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * Never interrupts a task whose subscriber cancelled (a client that went away): an interrupt
   * during file I/O closes the channel, which closes the embedded H2 database for everyone.
   */
  private final Scheduler scheduler = Schedulers.fromExecutor(executor::execute);

  /**
   * Defers {@code work} to a virtual thread; an empty result ({@code null}) completes empty. The
   * request's {@link Correlation} ids are in the MDC while it runs, so that its log lines name
   * them.
   */
  public <T> Mono<T> call(Callable<T> work) {
    return callOn(scheduler, work);
  }

  /** {@code work} on {@code scheduler}, with the request's {@link Correlation} ids in the MDC. */
  static <T> Mono<T> callOn(Scheduler scheduler, Callable<T> work) {
    return Mono.deferContextual(
        context -> {
          Correlation correlation = Correlation.of(context);
          return Mono.fromCallable(
                  () -> {
                    Correlation previous = correlation.enter();
                    try {
                      return work.call();
                    } finally {
                      previous.enter();
                    }
                  })
              .subscribeOn(scheduler);
        });
  }

  /** Defers {@code work} without a result. */
  public Mono<Void> run(Runnable work) {
    return call(() -> {
          work.run();
          return null;
        })
        .then();
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public void destroy() {
    scheduler.dispose();
    executor.shutdown();
  }
}
