package dev.patchbay.security.access;

import dev.patchbay.common.Blocking;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpMethod;
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
 * {@link RuleAuthorization} decide. {@code HEAD} is decided by the {@code GET} rule; {@code
 * OPTIONS} on a known path is granted (it reveals no more than the published API description). A
 * request no rule matches never reaches a handler: it fails with {@link NoRoute} (401 without a
 * token, else 404 or 405). Same matching as Spring Security's per-route matchers (the default
 * {@link PathPatternParser}, path within the application).
 */
public final class RouteAuthorization
    implements ReactiveAuthorizationManager<AuthorizationContext> {

  private static final Mono<AuthorizationResult> GRANTED =
      Mono.just(new AuthorizationDecision(true));

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
    HttpMethod method =
        HttpMethod.HEAD.equals(request.getMethod()) ? HttpMethod.GET : request.getMethod();
    Set<HttpMethod> allowed = new TreeSet<>((a, b) -> a.name().compareTo(b.name()));
    for (Route route : routes) {
      PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(path);
      if (match == null) {
        continue;
      }
      if (route.rule().method().equals(method)) {
        return route.decider() == null
            ? GRANTED
            : route
                .decider()
                .authorize(
                    authentication,
                    new AuthorizationContext(
                        context.getExchange(), new HashMap<>(match.getUriVariables())));
      }
      allowed.add(route.rule().method());
    }
    if (allowed.isEmpty()) {
      return Mono.error(new NoRoute("no such route: " + path.value(), Set.of()));
    }
    if (HttpMethod.OPTIONS.equals(method)) {
      return GRANTED;
    }
    if (allowed.contains(HttpMethod.GET)) {
      allowed.add(HttpMethod.HEAD);
    }
    allowed.add(HttpMethod.OPTIONS);
    return Mono.error(
        new NoRoute(
            request.getMethod().name()
                + " is not supported on "
                + path.value()
                + "; it answers "
                + allowed,
            Set.copyOf(allowed)));
  }

  /** One rule with its parsed pattern and, unless public, its decider. */
  private record Route(AccessRule rule, PathPattern pattern, RuleAuthorization decider) {}
}
