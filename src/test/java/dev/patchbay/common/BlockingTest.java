package dev.patchbay.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * A cancelled request (a client that went away) must not interrupt the blocking work it started: an
 * interrupt during file I/O closes the channel, and for the embedded H2 database that closed the
 * whole database ("The database has been closed") for every later request.
 */
class BlockingTest {

  @Test
  void cancellingTheCallerDoesNotInterruptTheWork() throws Exception {
    Blocking blocking = new Blocking();
    try {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch finished = new CountDownLatch(1);
      AtomicBoolean interrupted = new AtomicBoolean();
      Disposable call =
          blocking
              .call(
                  () -> {
                    started.countDown();
                    try {
                      Thread.sleep(Duration.ofMillis(300));
                    } catch (InterruptedException e) {
                      interrupted.set(true);
                    }
                    finished.countDown();
                    return 1;
                  })
              .subscribe();
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      call.dispose();
      assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(interrupted).as("the work ran to its end uninterrupted").isFalse();
    } finally {
      blocking.destroy();
    }
  }
}
