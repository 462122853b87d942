package dev.patchbay.security.access;

import dev.patchbay.common.Blocking;
import java.util.HashMap;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The {@link AccessRules} route table as one authorisation step: finds the first rule whose method
 * and path pattern match the request in a plain loop, then grants a public route or lets the rule's
 * {@link RuleAuthorization} decide; a request no rule matches is refused. Same matching as Spring
 * Security's per-route matchers (the default {@link PathPatternParser}, path within the
 * application), without a reactive matcher chain per rule on every request.
 */
public final class RouteAuthorization
    implements ReactiveAuthorizationManager<AuthorizationContext> {

  private static final Mono<AuthorizationResult> GRANTED =
      Mono.just(new AuthorizationDecision(true));
  private static final Mono<AuthorizationResult> REFUSED =
      Mono.just(new AuthorizationDecision(false));

  private final List<Route> routes;

  public RouteAuthorization(List<AccessRule> rules, ScopeCheck scope, Blocking blocking) {
    PathPatternParser parser = PathPatternParser.defaultInstance;
    this.routes =
        rules.stream()
            .map(
                rule ->
                    new Route(
                        rule,
                        parser.parse(parser.initFullPathPattern(rule.pattern())),
                        rule.isPublic() ? null : new RuleAuthorization(rule, scope, blocking)))
            .toList();
  }

  @Override
  public Mono<AuthorizationResult> authorize(
      Mono<Authentication> authentication, AuthorizationContext context) {
    ServerHttpRequest request = context.getExchange().getRequest();
    PathContainer path = request.getPath().pathWithinApplication();
    for (Route route : routes) {
      if (!route.rule().method().equals(request.getMethod())) {
        continue;
      }
      PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(path);
      if (match != null) {
        return route.decider() == null
            ? GRANTED
            : route
                .decider()
                .authorize(
                    authentication,
                    new AuthorizationContext(
                        context.getExchange(), new HashMap<>(match.getUriVariables())));
      }
    }
    return REFUSED;
  }

  /** One rule with its parsed pattern and, unless public, its decider. */
  private record Route(AccessRule rule, PathPattern pattern, RuleAuthorization decider) {}
}
