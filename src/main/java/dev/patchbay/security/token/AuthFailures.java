package dev.patchbay.security.token;

import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.common.Blocking;
import dev.patchbay.web.ProblemWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Failed authentications: each is counted per client address, audited and answered 401; a client
 * over the limit is answered 429 with {@code Retry-After} before its credential is even looked at.
 */
@Component
public class AuthFailures implements ServerAuthenticationFailureHandler {

  private final AuthFailureLimiter limiter;
  private final AuditService audit;
  private final Blocking blocking;
  private final ProblemWriter problems;

  AuthFailures(
      AuthFailureLimiter limiter, AuditService audit, Blocking blocking, ProblemWriter problems) {
    this.limiter = limiter;
    this.audit = audit;
    this.blocking = blocking;
    this.problems = problems;
  }

  /** A filter, ahead of authentication, that refuses clients over the limit. */
  public WebFilter limitFilter() {
    return this::refuseOverLimit;
  }

  private Mono<Void> refuseOverLimit(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    boolean presents =
        request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
            || request.getQueryParams().containsKey("ticket");
    Duration wait = presents ? limiter.retryAfter(client(exchange)) : Duration.ZERO;
    if (wait.isZero()) {
      return chain.filter(exchange);
    }
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    return problems.write(
        exchange,
        ProblemType.AUTH_RATE_LIMITED,
        "too many failed authentications from this address; retry in " + seconds + " s");
  }

  @Override
  public Mono<Void> onAuthenticationFailure(
      WebFilterExchange webFilterExchange, AuthenticationException exception) {
    ServerWebExchange exchange = webFilterExchange.getExchange();
    String client = client(exchange);
    limiter.failed(client);
    String detail =
        exception.getMessage()
            + " ("
            + exchange.getRequest().getMethod()
            + " "
            + exchange.getRequest().getPath().value()
            + " from "
            + client
            + ")";
    exchange
        .getResponse()
        .getHeaders()
        .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    return blocking
        .run(() -> audit.record(null, "auth.failed", List.of(), AuditOutcome.REFUSED, detail))
        .then(problems.write(exchange, ProblemType.UNAUTHORIZED, exception.getMessage()));
  }

  static String client(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    return remote == null || remote.getAddress() == null
        ? "unknown"
        : remote.getAddress().getHostAddress();
  }
}
