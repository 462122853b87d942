package dev.patchbay.security.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Makes a fresh installation usable and still closed: when no API token exists, stores an ADMIN
 * token named {@value #NAME}, either {@code PATCHBAY_ADMIN_TOKEN} or a generated one that is logged
 * this once. Of several instances starting together on an empty database, one stores its token; the
 * others find the name taken and carry on.
 */
@Component
class AdminTokenBootstrap implements ApplicationRunner {

  static final String NAME = "admin";
  private static final int MIN_LENGTH = 32;
  private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

  private final ApiTokenService tokens;
  private final String configured;

  AdminTokenBootstrap(ApiTokenService tokens, AuthProperties properties) {
    this.tokens = tokens;
    this.configured = properties.adminToken();
    if (!configured.isEmpty() && configured.length() < MIN_LENGTH) {
      throw new IllegalStateException(
          "PATCHBAY_ADMIN_TOKEN (patchbay.auth.admin-token) must be at least "
              + MIN_LENGTH
              + " characters");
    }
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      bootstrap();
    } catch (DataIntegrityViolationException storedByAnotherInstance) {
      log.info("Another instance stored the first ADMIN token '{}' at the same time", NAME);
    }
  }

  private void bootstrap() {
    if (!configured.isEmpty()) {
      if (tokens.bootstrap(NAME, configured)) {
        log.info("No API token existed: stored PATCHBAY_ADMIN_TOKEN as ADMIN token '{}'", NAME);
      }
      return;
    }
    String generated = TokenSecrets.generate();
    if (tokens.bootstrap(NAME, generated)) {
      log.warn(
          "No API token existed: created ADMIN token '{}'. It is shown only now: {}"
              + " (use it as 'Authorization: Bearer <token>' and in the web console; create"
              + " named tokens with POST /api/v1/tokens)",
          NAME,
          generated);
    }
  }
}
