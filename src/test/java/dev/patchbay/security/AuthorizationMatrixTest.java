package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.recording.Recordings;
import dev.patchbay.recording.TerminalRecorder;
import dev.patchbay.security.access.AccessRule;
import dev.patchbay.security.access.AccessRules;
import dev.patchbay.security.access.TestbedScope;
import dev.patchbay.security.token.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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
import tools.jackson.databind.JsonNode;

/**
 * The authorisation matrix, generated from the routes the running service maps (controllers,
 * actuator, API documentation, the terminal WebSocket): every route has an {@link AccessRule}, and
 * every API route is called with no token, a malformed header, an unknown, expired and revoked
 * token, and a token of each role, expecting 401 for the first five and, per role, 403 or not.
 */
class AuthorizationMatrixTest extends SecurityTestSupport {

  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

  @Autowired ApplicationContext context;
  @Autowired Recordings recordings;

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

  /**
   * Every read route (GET, API and terminal) as a VIEWER and an OPERATOR token scoped to one
   * testbed: a record of another testbed's device (by name, id or query) is refused (403) or
   * answered as absent (404), and no answer, lists included, shows anything of that device; the
   * token's own testbed answers as the role allows. A lease that also holds a device outside the
   * scope is hidden too.
   */
  @Test
  void everyReadRouteKeepsAScopedTokenInsideItsTestbeds() {
    Fixture mine = fixture("mine");
    Fixture other = fixture("other");
    long spanning = lease(List.of(mine.spare(), other.spare()), other.marker()).path("id").asLong();
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (String role : List.of("VIEWER", "OPERATOR")) {
      String scopedToken =
          createToken(role, "[\"" + mine.testbed() + "\"]", null).path("token").asString();
      WebTestClient scoped = asToken(scopedToken);
      for (Route route : routes()) {
        AccessRule rule = ruleFor(route.method(), route.samplePath());
        if (route.method() != HttpMethod.GET || !route.isApi() || rule == null) {
          continue;
        }
        boolean roleAllows = Role.valueOf(role).includes(rule.role());
        EntityExchangeResult<String> own = get(scoped, mine.path(route.pattern()));
        EntityExchangeResult<String> foreign = get(scoped, other.path(route.pattern()));
        calls += 2;
        String where = route + " as scoped " + role;
        int ownStatus = own.getStatus().value();
        if (!roleAllows || rule.scope() == TestbedScope.UNSCOPED_ONLY) {
          if (ownStatus != 403) {
            failures.add(where + " (refused by role or scope): " + describe(own));
          }
        } else if (ownStatus == 401 || ownStatus == 403 || ownStatus >= 500) {
          failures.add(where + " in its own testbed: " + describe(own));
        } else if (ownStatus != 200 && !route.pattern().contains("{alias}")) {
          failures.add(where + " in its own testbed, expected 200: " + describe(own));
        }
        int foreignStatus = foreign.getStatus().value();
        if (foreignStatus != 403 && foreignStatus != 404 && foreignStatus != 200) {
          failures.add(where + " on the other testbed: " + describe(foreign));
        }
        for (EntityExchangeResult<String> answer : List.of(own, foreign)) {
          String body = String.valueOf(answer.getResponseBody());
          if (body.contains(other.marker())
              || (answer.getStatus().value() == 200 && body.contains(other.device()))) {
            failures.add(where + " shows the other testbed: " + describe(answer));
          }
        }
        if (route.pattern().equals("/api/v1/leases") && roleAllows) {
          String body = String.valueOf(own.getResponseBody());
          if (!body.contains(mine.marker())) {
            failures.add(where + " lists its own lease: " + describe(own));
          }
        }
      }
      EntityExchangeResult<String> span = get(scoped, "/api/v1/leases/" + spanning);
      calls++;
      if (span.getStatus().value() != 404) {
        failures.add("a lease spanning both testbeds as scoped " + role + ": " + describe(span));
      }
    }
    assertThat(calls).isGreaterThan(40);
    assertThat(failures).isEmpty();
  }

  /**
   * A testbed with a device that has a lease, a recording and a pinned host key, and a spare
   * device; named by a marker.
   */
  record Fixture(
      String testbed,
      String device,
      String spare,
      String marker,
      long lease,
      long recording,
      String job,
      String token) {

    /** A route's pattern with this fixture's names and ids. */
    String path(String pattern) {
      String path =
          pattern
              .replace("/testbeds/{name}", "/testbeds/" + testbed)
              .replace("{name}", device)
              .replace("{device}", device)
              .replace("{connection}", "cli")
              .replace("{alias}", "a")
              .replace("/leases/{id}", "/leases/" + lease)
              .replace("/recordings/{id}", "/recordings/" + recording)
              .replace("/jobs/{id}", "/jobs/" + job)
              .replace("{id}", token)
              .replace("{credential}", "default");
      boolean list = !pattern.contains("{");
      return list ? path + "?device=" + device + "&testbed=" + testbed : path;
    }
  }

  private Fixture fixture(String purpose) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String testbed = purpose + "-tb-" + suffix;
    String device = purpose + "-r-" + suffix;
    String marker = purpose + "-marker-" + suffix;
    client
        .post()
        .uri("/api/v1/testbeds")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\": \"" + testbed + "\"}")
        .exchange()
        .expectStatus()
        .isCreated();
    String spare = purpose + "-s-" + suffix;
    for (String name : List.of(device, spare)) {
      client
          .post()
          .uri("/api/v1/devices")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(
              "{\"name\": \"%s\", \"testbed\": \"%s\", \"os\": \"iosxe\", \"connections\":"
                      .formatted(name, testbed)
                  + " [{\"name\": \"cli\", \"protocol\": \"ssh\", \"host\": \"127.0.0.1\","
                  + " \"port\": 22}]}")
          .exchange()
          .expectStatus()
          .isCreated();
    }
    client
        .put()
        .uri("/api/v1/devices/" + device + "/connections/cli/host-key")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"fingerprint\": \"SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8\"}")
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    JsonNode leased = lease(List.of(device), marker);
    long lease = leased.path("id").asLong();
    String leaseToken = leased.path("token").asString();
    TerminalRecorder recorder = recordings.start(device, "a", marker, marker);
    recorder.close();
    long recording =
        json(client
                .get()
                .uri("/api/v1/recordings?device=" + device)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
            .path("items")
            .get(0)
            .path("id")
            .asLong();
    String job =
        json(client
                .post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Patchbay-Lease", lease + ":" + leaseToken)
                .bodyValue("{\"devices\": [\"" + device + "\"], \"alias\": \"a\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
            .path("id")
            .asString();
    client.get().uri("/api/v1/jobs/" + job + "?wait=60").exchange().expectStatus().isOk();
    String token = createToken("VIEWER", null, null).path("id").asString();
    return new Fixture(testbed, device, spare, marker, lease, recording, job, token);
  }

  private JsonNode lease(List<String> devices, String holder) {
    String names = String.join("\", \"", devices);
    return json(
        client
            .post()
            .uri("/api/v1/leases")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"devices\": [\"%s\"], \"holder\": \"%s\", \"ttlSeconds\": 300}"
                    .formatted(names, holder))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  private static EntityExchangeResult<String> get(WebTestClient client, String path) {
    return firstChunkOfStreams(client)
        .get()
        .uri(path)
        .exchange()
        .expectBody(String.class)
        .returnResult();
  }

  /**
   * The client, reading only the first chunk of a server-sent event stream (which does not end):
   * its status and first event judge the answer.
   */
  private static WebTestClient firstChunkOfStreams(WebTestClient client) {
    return client
        .mutate()
        .filter(
            (request, next) ->
                next.exchange(request)
                    .map(
                        response ->
                            response
                                    .headers()
                                    .contentType()
                                    .filter(MediaType.TEXT_EVENT_STREAM::isCompatibleWith)
                                    .isPresent()
                                ? response.mutate().body(body -> body.take(1)).build()
                                : response))
        .build();
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
  void anUnmappedRouteNeverReachesAHandlerEvenForAdmins() {
    as(null).get().uri("/api/v1/nothing-here").exchange().expectStatus().isUnauthorized();
    asToken(tokenOf("ADMIN"))
        .get()
        .uri("/api/v1/nothing-here")
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private static EntityExchangeResult<String> call(WebTestClient client, Route route) {
    WebTestClient.RequestBodySpec request =
        firstChunkOfStreams(client).method(route.method()).uri(route.samplePath());
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
