package dev.patchbay.security.token;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads {@code Authorization: Bearer <token>}, or on a terminal WebSocket handshake the {@code
 * ticket} query parameter. No credential: the request stays anonymous.
 */
public final class CredentialConverter implements ServerAuthenticationConverter {

  private static final String BEARER = "bearer ";

  @Override
  public Mono<Authentication> convert(ServerWebExchange exchange) {
    var request = exchange.getRequest();
    String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
      String token = bearer ? authorization.substring(BEARER.length()).strip() : "";
      return Mono.just(
          token.isEmpty()
              ? new PresentedCredential(PresentedCredential.Kind.MALFORMED, "")
              : new PresentedCredential(PresentedCredential.Kind.TOKEN, token));
    }
    String ticket = request.getQueryParams().getFirst("ticket");
    if (ticket != null && request.getPath().value().startsWith("/ws/")) {
      return Mono.just(new PresentedCredential(PresentedCredential.Kind.TICKET, ticket));
    }
    return Mono.empty();
  }
}
