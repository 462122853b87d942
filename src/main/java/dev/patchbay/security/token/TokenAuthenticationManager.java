package dev.patchbay.security.token;

import dev.patchbay.common.Blocking;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Turns a presented API token or terminal ticket into a {@link TokenAuthentication}. */
@Component
public class TokenAuthenticationManager implements ReactiveAuthenticationManager {

  private final ApiTokenService tokens;
  private final TerminalTickets tickets;
  private final Blocking blocking;

  TokenAuthenticationManager(ApiTokenService tokens, TerminalTickets tickets, Blocking blocking) {
    this.tokens = tokens;
    this.tickets = tickets;
    this.blocking = blocking;
  }

  @Override
  public Mono<Authentication> authenticate(Authentication authentication) {
    if (!(authentication instanceof PresentedCredential presented)) {
      return Mono.empty();
    }
    String value = (String) presented.getCredentials();
    switch (presented.kind()) {
      case TICKET:
        return blocking
            .call(() -> tickets.redeem(value).map(tokens::checkTicketHolder).orElse(null))
            .filter(check -> check.principal() != null)
            .<Authentication>map(check -> new TokenAuthentication(check.principal()))
            .switchIfEmpty(
                Mono.error(
                    () ->
                        new CredentialRefused(
                            "ticket",
                            "the terminal ticket is unknown, used or expired; get a new one")));
      case TOKEN:
        // Most requests come from a token checked seconds ago: no database, no thread hop.
        var known = tokens.remembered(value);
        if (known.isPresent()) {
          return Mono.just(new TokenAuthentication(known.get()));
        }
        return blocking
            .call(() -> tokens.check(value))
            .flatMap(
                check ->
                    check.principal() != null
                        ? Mono.just(new TokenAuthentication(check.principal()))
                        : Mono.error(refused(check.refusal())));
      default:
        return Mono.error(
            new CredentialRefused(
                "malformed", "the Authorization header must be 'Bearer <token>'"));
    }
  }

  private static CredentialRefused refused(ApiTokenService.Refusal refusal) {
    switch (refusal) {
      case EXPIRED:
        return new CredentialRefused("expired", "the API token has expired");
      case REVOKED:
        return new CredentialRefused("revoked", "the API token has been revoked");
      default:
        return new CredentialRefused("unknown", "the API token is not known");
    }
  }
}
