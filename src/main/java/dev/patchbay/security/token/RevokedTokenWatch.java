package dev.patchbay.security.token;

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
 * Every {@code patchbay.auth.revocation-check-interval}: ends this instance's cached checks of
 * tokens revoked through another instance, so a revocation holds everywhere within about a second
 * while a busy client still costs no query per request. Per instance by design: each has its own
 * cache.
 */
@Component
class RevokedTokenWatch implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RevokedTokenWatch.class);

  private final ApiTokenService tokens;
  private final Blocking blocking;
  private final Duration interval;
  private volatile Disposable schedule;

  RevokedTokenWatch(ApiTokenService tokens, Blocking blocking, AuthProperties properties) {
    this.tokens = tokens;
    this.blocking = blocking;
    this.interval = properties.revocationCheckInterval();
  }

  @Override
  public void start() {
    schedule =
        Flux.interval(interval, interval)
            .onBackpressureDrop()
            .concatMap(
                tick -> blocking.run(tokens::forgetRevokedElsewhere).onErrorResume(this::logged), 1)
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
    log.warn("revoked-token check failed, retrying in {}: {}", interval, e.toString());
    log.debug("revoked-token check failure", e);
    return Mono.empty();
  }
}
