package dev.patchbay.security.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Short-lived, single-use tickets that let a browser open a terminal WebSocket: a browser cannot
 * set the Authorization header on a WebSocket, and the long-lived token must not travel in a URL.
 * Tickets live in the database (hashed, like tokens), so a ticket issued by one instance works on
 * any instance; deleting the row spends it, and only one redeemer can delete it. Blocking.
 */
@Component
public class TerminalTickets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Duration ttl;
  private final Clock clock = Clock.systemUTC();

  /** A ticket and when it stops working. */
  public record Ticket(String ticket, Instant expiresAt) {}

  TerminalTickets(DataSource dataSource, AuthProperties properties) {
    this.jdbc = JdbcClient.create(dataSource);
    this.ttl = properties.ticketTtl();
  }

  /** Issues a ticket for the caller's token; expired tickets of anyone are dropped on the way. */
  public Ticket issue(TokenPrincipal principal) {
    Instant now = clock.instant();
    jdbc.sql("DELETE FROM terminal_ticket WHERE expires_at < ?").params(time(now)).update();
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = now.plus(ttl);
    jdbc.sql("INSERT INTO terminal_ticket (ticket_hash, token_id, expires_at) VALUES (?, ?, ?)")
        .params(TokenSecrets.hash(ticket), principal.tokenId(), time(expiresAt))
        .update();
    return new Ticket(ticket, expiresAt);
  }

  /**
   * The id of the token a valid ticket was issued to; the ticket is spent by this call, also when
   * it has expired. Of two instances redeeming one ticket at once, one gets the id.
   */
  Optional<Long> redeem(String ticket) {
    String hash = TokenSecrets.hash(ticket);
    record Issued(long tokenId, OffsetDateTime expiresAt) {}
    Optional<Issued> issued =
        jdbc.sql("SELECT token_id, expires_at FROM terminal_ticket WHERE ticket_hash = ?")
            .param(hash)
            .query((rs, row) -> new Issued(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
            .optional();
    if (issued.isEmpty()) {
      return Optional.empty();
    }
    boolean spentHere =
        jdbc.sql("DELETE FROM terminal_ticket WHERE ticket_hash = ?").param(hash).update() == 1;
    boolean valid = issued.get().expiresAt().toInstant().isAfter(clock.instant());
    return spentHere && valid ? Optional.of(issued.get().tokenId()) : Optional.empty();
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
