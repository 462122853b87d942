package dev.patchbay.security.access;

import dev.patchbay.common.Blocking;
import dev.patchbay.security.token.TokenAuthentication;
import dev.patchbay.security.token.TokenPrincipal;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Decides one {@link AccessRule}: the caller's role must include the rule's, and a testbed-scoped
 * token must stay inside its testbeds. A refusal carries its reason, which becomes the problem
 * detail.
 */
final class RuleAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

  private final AccessRule rule;
  private final ScopeCheck scope;
  private final Blocking blocking;

  RuleAuthorization(AccessRule rule, ScopeCheck scope, Blocking blocking) {
    this.rule = rule;
    this.scope = scope;
    this.blocking = blocking;
  }

  @Override
  public Mono<AuthorizationResult> authorize(
      Mono<Authentication> authentication, AuthorizationContext context) {
    return authentication
        .filter(TokenAuthentication.class::isInstance)
        .map(a -> ((TokenAuthentication) a).getPrincipal())
        .flatMap(principal -> decide(principal, context))
        .defaultIfEmpty(new AuthorizationDecision(false));
  }

  private Mono<AuthorizationResult> decide(TokenPrincipal principal, AuthorizationContext context) {
    if (!principal.role().includes(rule.role())) {
      return Mono.error(
          new AccessDeniedException(
              "needs role "
                  + rule.role()
                  + "; token '"
                  + principal.name()
                  + "' has role "
                  + principal.role()));
    }
    if (!principal.scoped()) {
      return granted();
    }
    Map<String, Object> variables = context.getVariables();
    var query = context.getExchange().getRequest().getQueryParams();
    switch (rule.scope()) {
      case NONE, CHECKED_BY_HANDLER:
        return granted();
      case DEVICE_IN_PATH:
        return deviceInScope(
            principal, (String) variables.getOrDefault("device", variables.get("name")));
      case FILTERED_BY_HANDLER:
        return query.containsKey("device")
            ? deviceInScope(principal, query.getFirst("device"))
            : granted();
      case TESTBED_IN_PATH:
        return testbedInScope(principal, (String) variables.get("name"));
      case TESTBED_IN_QUERY:
        return testbedInScope(principal, query.getFirst("testbed"));
      default:
        return refused(principal, "spans every testbed");
    }
  }

  private Mono<AuthorizationResult> deviceInScope(TokenPrincipal principal, String device) {
    if (device == null) {
      return refused(principal, "needs the device query parameter, a device of its testbeds");
    }
    return blocking
        .call(() -> scope.reachesDevice(principal, device))
        .flatMap(
            reaches ->
                reaches ? granted() : refused(principal, "cannot reach device '" + device + "'"));
  }

  private Mono<AuthorizationResult> testbedInScope(TokenPrincipal principal, String testbed) {
    if (testbed == null) {
      return refused(principal, "needs the testbed query parameter, one of its testbeds");
    }
    return principal.reaches(testbed)
        ? granted()
        : refused(principal, "cannot reach testbed '" + testbed + "'");
  }

  private static Mono<AuthorizationResult> granted() {
    return Mono.just(new AuthorizationDecision(true));
  }

  private static Mono<AuthorizationResult> refused(TokenPrincipal principal, String why) {
    return Mono.error(new AccessDeniedException(ScopeCheck.limited(principal, why)));
  }
}
