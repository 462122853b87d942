package dev.patchbay.security.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code patchbay.auth.revocation-check-interval}: ends this instance's cached checks of
 * tokens revoked through another instance, so a revocation holds everywhere within about a second
 * while a busy client still costs no query per request. Per instance by design: each has its own
 * cache. Runs on the scheduler's thread, never on an event loop.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RevokedTokenWatch {

  private static final Logger log = LoggerFactory.getLogger(RevokedTokenWatch.class);

  private final ApiTokenService tokens;

  RevokedTokenWatch(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  @Scheduled(
      initialDelayString = "${patchbay.auth.revocation-check-interval:1s}",
      fixedDelayString = "${patchbay.auth.revocation-check-interval:1s}")
  void forgetRevokedElsewhere() {
    try {
      tokens.forgetRevokedElsewhere();
    } catch (RuntimeException e) {
      log.warn("revoked-token check failed, retrying: {}", e.toString());
      log.debug("revoked-token check failure", e);
    }
  }
}
