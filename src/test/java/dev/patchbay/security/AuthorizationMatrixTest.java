package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.security.access.AccessRule;
import dev.patchbay.security.access.AccessRules;
import dev.patchbay.security.token.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The authorisation matrix, generated from the routes the running service maps (controllers,
 * actuator, API documentation, the terminal WebSocket): every route has an {@link AccessRule}, and
 * every API route is called with no token, a malformed header, an unknown, expired and revoked
 * token, and a token of each role, expecting 401 for the first five and, per role, 403 or not.
 */
class AuthorizationMatrixTest extends SecurityTestSupport {

  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

  @Autowired ApplicationContext context;

  record Route(HttpMethod method, String pattern) {
    String samplePath() {
      return pattern.replaceAll("\\{\\*?[^}]+}", "x1").replace("/**", "/x1");
    }

    boolean isApi() {
      return pattern.startsWith("/api/") || pattern.startsWith("/ws/");
    }

    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  /** Every route of every handler mapping, but the catch-all static resource mapping. */
  private Set<Route> routes() {
    Set<Route> routes = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<HttpMethod> methods = new TreeSet<>((a, b) -> a.name().compareTo(b.name()));
        info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.asHttpMethod()));
        if (methods.isEmpty()) {
          methods.add(HttpMethod.GET);
        }
        for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
          methods.forEach(m -> routes.add(new Route(m, pattern.getPatternString())));
        }
      }
    }
    for (SimpleUrlHandlerMapping mapping :
        context.getBeansOfType(SimpleUrlHandlerMapping.class).values()) {
      mapping.getUrlMap().keySet().stream()
          .filter(pattern -> !pattern.equals("/**"))
          .forEach(pattern -> routes.add(new Route(HttpMethod.GET, pattern)));
    }
    return routes;
  }

  private static AccessRule ruleFor(HttpMethod method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    return AccessRules.all().stream()
        .filter(r -> r.method().equals(method) && PARSER.parse(r.pattern()).matches(container))
        .findFirst()
        .orElse(null);
  }

  @Test
  void everyRouteHasItsOwnRuleAndNoRuleIsStale() {
    Set<Route> routes = routes();
    assertThat(routes)
        .extracting(Route::toString)
        .contains("GET /api/v1/devices", "POST /api/v1/tokens");
    List<String> uncovered = new ArrayList<>();
    for (Route route : routes) {
      AccessRule rule = ruleFor(route.method(), route.samplePath());
      if (rule == null || (route.isApi() && !rule.pattern().equals(route.pattern()))) {
        uncovered.add(route.toString());
      }
    }
    assertThat(uncovered).as("routes without an access rule of their own").isEmpty();
    List<String> stale =
        AccessRules.API.stream()
            .filter(r -> r.pattern().startsWith("/api/") || r.pattern().startsWith("/ws/"))
            .filter(r -> !routes.contains(new Route(r.method(), r.pattern())))
            .map(r -> r.method() + " " + r.pattern())
            .toList();
    assertThat(stale).as("rules for routes that do not exist").isEmpty();
  }

  @Test
  void everyApiRouteAnswersEachCredentialAsItsRuleSays() {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("no token", null);
    refused.put("malformed header", "Basic YWRtaW46YWRtaW4=");
    refused.put("unknown token", "Bearer pb_this-token-was-never-issued-0000000000000");
    refused.put("expired token", "Bearer " + expiredToken());
    refused.put("revoked token", "Bearer " + revokedToken());
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (Route route : routes()) {
      AccessRule rule = ruleFor(route.method(), route.samplePath());
      if (rule == null || rule.isPublic()) {
        continue;
      }
      for (Map.Entry<String, String> credential : refused.entrySet()) {
        EntityExchangeResult<String> result = call(as(credential.getValue()), route);
        calls++;
        if (result.getStatus().value() != 401 || !problemType(result).equals("unauthorized")) {
          failures.add(route + " with " + credential.getKey() + ": " + describe(result));
        }
      }
      for (Role role : Role.values()) {
        EntityExchangeResult<String> result = call(asToken(tokenOf(role.name())), route);
        calls++;
        boolean forbidden =
            result.getStatus().value() == 403 && problemType(result).equals("forbidden");
        boolean allowed = role.includes(rule.role());
        if (result.getStatus().value() == 401 || forbidden == allowed) {
          failures.add(route + " as " + role + " (needs " + rule.role() + "): " + describe(result));
        }
      }
    }
    assertThat(calls).isGreaterThan(300);
    assertThat(failures).isEmpty();
  }

  @Test
  void publicRoutesNeedNoTokenAndActuatorButHealthNeedsAdmin() {
    WebTestClient anonymous = as(null);
    for (String path : List.of("/", "/app.js", "/v3/api-docs", "/actuator/health")) {
      anonymous.get().uri(path).exchange().expectStatus().isOk();
    }
    for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
      anonymous.get().uri(path).exchange().expectStatus().isUnauthorized();
      asToken(tokenOf("OPERATOR")).get().uri(path).exchange().expectStatus().isForbidden();
      asToken(tokenOf("ADMIN")).get().uri(path).exchange().expectStatus().isOk();
    }
  }

  @Test
  void anUnmappedRouteIsRefusedEvenToAdmins() {
    as(null).get().uri("/api/v1/nothing-here").exchange().expectStatus().isUnauthorized();
    asToken(tokenOf("ADMIN"))
        .get()
        .uri("/api/v1/nothing-here")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  private static EntityExchangeResult<String> call(WebTestClient client, Route route) {
    WebTestClient.RequestBodySpec request = client.method(route.method()).uri(route.samplePath());
    if (route.method() == HttpMethod.POST
        || route.method() == HttpMethod.PUT
        || route.method() == HttpMethod.PATCH) {
      return request
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{}")
          .exchange()
          .expectBody(String.class)
          .returnResult();
    }
    return request.exchange().expectBody(String.class).returnResult();
  }

  private static String problemType(EntityExchangeResult<String> result) {
    String body = result.getResponseBody();
    if (body == null || !body.startsWith("{")) {
      return "";
    }
    return json(body).path("type").asString("").replace(PROBLEMS, "");
  }

  private static String describe(EntityExchangeResult<String> result) {
    return result.getStatus().value() + " " + result.getResponseBody();
  }
}
