package dev.patchbay.security.token;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code patchbay.auth}: the bootstrap admin token, failed-authentication limits, WebSocket ticket
 * lifetime and the browser origins allowed besides the service's own.
 *
 * @param adminToken the first ADMIN token when none exists (PATCHBAY_ADMIN_TOKEN); empty: one is
 *     generated and logged once
 * @param maxFailures failed authentications one client address may make with one credential (told
 *     apart by its first characters) per {@code failureWindow}
 * @param failureWindow the window of {@code maxFailures}; a client over the limit waits it out
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For}
 *     names the client; empty: the header is ignored
 * @param ticketTtl how long a WebSocket ticket stays valid (it works once, on any instance)
 * @param tokenCacheTtl how long a successful token check is reused without asking the database; a
 *     revocation through another instance ends it sooner ({@link RevokedTokenWatch})
 * @param allowedOrigins cross-origin browser pages allowed to call the API and open terminals
 */
@ConfigurationProperties("patchbay.auth")
public record AuthProperties(
    String adminToken,
    int maxFailures,
    Duration failureWindow,
    Duration ticketTtl,
    Duration tokenCacheTtl,
    List<String> allowedOrigins,
    List<String> trustedProxies) {

  public AuthProperties {
    adminToken = adminToken == null ? "" : adminToken.strip();
    maxFailures = maxFailures <= 0 ? 10 : maxFailures;
    failureWindow = failureWindow == null ? Duration.ofMinutes(1) : failureWindow;
    ticketTtl = ticketTtl == null ? Duration.ofSeconds(30) : ticketTtl;
    tokenCacheTtl = tokenCacheTtl == null ? Duration.ofSeconds(5) : tokenCacheTtl;
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }
}
