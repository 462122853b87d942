package dev.patchbay.security.token;

import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.common.Blocking;
import dev.patchbay.web.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Failed authentications: each is counted per client address and presented credential (its first
 * {@value #CREDENTIAL_PREFIX} characters), audited and answered 401; a client over the limit with
 * that credential is answered 429 with {@code Retry-After} before the credential is even looked at.
 * Another credential from the same address, a valid token above all, is not held back by those
 * failures: behind a proxy or on a shared CI runner one broken client locks out only itself.
 * Cycling through made-up tokens gains an attacker nothing, as tokens carry 256 random bits.
 */
@Component
public class AuthFailures implements ServerAuthenticationFailureHandler {

  /**
   * Enough of a credential to tell tokens apart ({@code pb_} and 48 random bits), not to use it.
   */
  static final int CREDENTIAL_PREFIX = 11;

  private final AuthFailureLimiter limiter;
  private final ClientAddresses clients;
  private final AuditService audit;
  private final Blocking blocking;
  private final ProblemWriter problems;
  private final MeterRegistry meters;

  AuthFailures(
      AuthFailureLimiter limiter,
      AuthProperties properties,
      AuditService audit,
      Blocking blocking,
      ProblemWriter problems,
      MeterRegistry meters) {
    this.limiter = limiter;
    this.clients = new ClientAddresses(properties.trustedProxies());
    this.audit = audit;
    this.blocking = blocking;
    this.problems = problems;
    this.meters = meters;
  }

  /** Counts a request refused 401 because it presented no credential at all. */
  public void missing() {
    count("missing");
  }

  /** Counts one refused authentication in {@code patchbay.auth.failures} by its reason. */
  private void count(String reason) {
    Counter.builder("patchbay.auth.failures")
        .description("Refused authentications by reason")
        .tag("reason", reason)
        .register(meters)
        .increment();
  }

  /** A filter, ahead of authentication, that refuses clients over the limit. */
  public WebFilter limitFilter() {
    return this::refuseOverLimit;
  }

  private Mono<Void> refuseOverLimit(ServerWebExchange exchange, WebFilterChain chain) {
    String credential = presented(exchange);
    Duration wait =
        credential == null ? Duration.ZERO : limiter.retryAfter(key(exchange, credential));
    if (wait.isZero()) {
      return chain.filter(exchange);
    }
    count("rate-limited");
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    return problems.write(
        exchange,
        ProblemType.AUTH_RATE_LIMITED,
        "too many failed authentications from this address with this credential; retry in "
            + seconds
            + " s");
  }

  @Override
  public Mono<Void> onAuthenticationFailure(
      WebFilterExchange webFilterExchange, AuthenticationException exception) {
    ServerWebExchange exchange = webFilterExchange.getExchange();
    String client = clients.of(exchange);
    String credential = presented(exchange);
    limiter.failed(key(client, credential == null ? "" : credential));
    count(exception instanceof CredentialRefused refused ? refused.reason() : "other");
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

  private String key(ServerWebExchange exchange, String credential) {
    return key(clients.of(exchange), credential);
  }

  private static String key(String client, String credential) {
    return client + " " + credential.substring(0, Math.min(CREDENTIAL_PREFIX, credential.length()));
  }

  /** The Authorization header's value or the terminal ticket; null when neither is sent. */
  private static String presented(ServerWebExchange exchange) {
    var request = exchange.getRequest();
    String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      int space = authorization.indexOf(' ');
      return space < 0 ? authorization : authorization.substring(space + 1).strip();
    }
    return request.getQueryParams().getFirst("ticket");
  }
}
