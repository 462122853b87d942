package dev.patchbay.security.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tickets in the migrated schema (H2; the two-instance behaviour on PostgreSQL is in
 * SharedAuthPostgresTest): only hashes are stored, an expired ticket is refused and spent, and
 * issuing a ticket clears expired ones.
 */
class TerminalTicketsTest {

  private static final TokenPrincipal CALLER =
      new TokenPrincipal(1, "tina", Role.OPERATOR, null, null);

  private JdbcDataSource dataSource;
  private JdbcClient jdbc;

  @BeforeEach
  void migrate() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:tickets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql(
            "INSERT INTO api_token (id, name, role, token_hash, hint, created_at)"
                + " VALUES (1, 'tina', 'OPERATOR', 'h', 'pb_…', ?)")
        .param(Timestamp.from(Instant.now()))
        .update();
  }

  @Test
  void aTicketIsStoredAsAHashAndWorksOnce() {
    TerminalTickets tickets = tickets(Duration.ofMinutes(1));
    String ticket = tickets.issue(CALLER).ticket();

    assertThat(storedHashes()).containsExactly(TokenSecrets.hash(ticket));
    assertThat(tickets.redeem(ticket)).contains(1L);
    assertThat(tickets.redeem(ticket)).isEmpty();
    assertThat(storedHashes()).isEmpty();
  }

  @Test
  void anExpiredTicketIsRefusedAndSpent() throws InterruptedException {
    TerminalTickets shortLived = tickets(Duration.ofMillis(1));
    String ticket = shortLived.issue(CALLER).ticket();
    Thread.sleep(20);

    assertThat(shortLived.redeem(ticket)).isEmpty();
    assertThat(storedHashes()).isEmpty();
  }

  @Test
  void issuingATicketClearsExpiredOnes() throws InterruptedException {
    tickets(Duration.ofMillis(1)).issue(CALLER);
    Thread.sleep(20);

    String fresh = tickets(Duration.ofMinutes(1)).issue(CALLER).ticket();

    assertThat(storedHashes()).containsExactly(TokenSecrets.hash(fresh));
  }

  private TerminalTickets tickets(Duration ttl) {
    return new TerminalTickets(
        dataSource, new AuthProperties("", 10, null, ttl, null, List.of(), List.of()));
  }

  private List<String> storedHashes() {
    return jdbc.sql("SELECT ticket_hash FROM terminal_ticket").query(String.class).list();
  }
}
