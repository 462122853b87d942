package dev.patchbay.security.token;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Short-lived, single-use tickets that let a browser open a terminal WebSocket: a browser cannot
 * set the Authorization header on a WebSocket, and the long-lived token must not travel in a URL.
 */
@Component
public class TerminalTickets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration ttl;
  private final ConcurrentHashMap<String, Issued> issued = new ConcurrentHashMap<>();

  private record Issued(TokenPrincipal principal, Instant expiresAt) {}

  /** A ticket and when it stops working. */
  public record Ticket(String ticket, Instant expiresAt) {}

  TerminalTickets(AuthProperties properties) {
    this.ttl = properties.ticketTtl();
  }

  public Ticket issue(TokenPrincipal principal) {
    Instant now = Instant.now();
    issued.values().removeIf(i -> i.expiresAt().isBefore(now));
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = now.plus(ttl);
    issued.put(ticket, new Issued(principal, expiresAt));
    return new Ticket(ticket, expiresAt);
  }

  /** The principal of a valid ticket, which is spent by this call. */
  Optional<TokenPrincipal> redeem(String ticket) {
    Issued found = issued.remove(ticket);
    if (found == null || found.expiresAt().isBefore(Instant.now())) {
      return Optional.empty();
    }
    return Optional.of(found.principal());
  }
}
