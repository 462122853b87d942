package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What a client reads from the status of a request the route table does not grant: 401 without a
 * valid token whatever the route, then 404 for no such path, 405 with {@code Allow} for a wrong
 * method; HEAD works wherever GET does and OPTIONS is answered.
 */
class RouteStatusTest extends SecurityTestSupport {

  @Test
  void withoutAValidTokenEveryUnknownRouteIs401() {
    for (String authorization : new String[] {null, "Bearer pb_never-issued-000000000000000000"}) {
      for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PATCH, HttpMethod.HEAD)) {
        as(authorization)
            .method(method)
            .uri(method == HttpMethod.PATCH ? "/api/v1/leases" : "/api/v1/nope")
            .exchange()
            .expectStatus()
            .isUnauthorized();
      }
    }
  }

  @Test
  void anUnknownPathIs404ForAnyRole() {
    for (String role : List.of("VIEWER", "ADMIN")) {
      EntityExchangeResult<String> result =
          call(asToken(tokenOf(role)), HttpMethod.GET, "/api/v1/nope");
      assertThat(result.getStatus().value()).isEqualTo(404);
      assertThat(json(result.getResponseBody()).path("type").asString())
          .isEqualTo(PROBLEMS + "not-found");
      assertThat(json(result.getResponseBody()).path("detail").asString()).contains("/api/v1/nope");
    }
    assertThat(
            call(asToken(tokenOf("ADMIN")), HttpMethod.DELETE, "/api/v1/devices/r1/nope")
                .getStatus()
                .value())
        .isEqualTo(404);
  }

  @Test
  void aWrongMethodIs405WithTheMethodsThePathAnswers() {
    EntityExchangeResult<String> result =
        call(asToken(tokenOf("VIEWER")), HttpMethod.PATCH, "/api/v1/leases");
    assertThat(result.getStatus().value()).isEqualTo(405);
    assertThat(result.getResponseHeaders().getFirst(HttpHeaders.ALLOW))
        .isEqualTo("GET, HEAD, OPTIONS, POST");
    assertThat(result.getResponseHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(json(result.getResponseBody()).path("type").asString())
        .isEqualTo(PROBLEMS + "method-not-allowed");

    EntityExchangeResult<String> put =
        call(asToken(tokenOf("ADMIN")), HttpMethod.PUT, "/api/v1/leases/7/renew");
    assertThat(put.getStatus().value()).isEqualTo(405);
    assertThat(put.getResponseHeaders().getFirst(HttpHeaders.ALLOW)).isEqualTo("OPTIONS, POST");
  }

  @Test
  void headAnswersWhereGetDoesWithoutABodyAndKeepsTheGetRule() {
    var head =
        asToken(tokenOf("VIEWER"))
            .head()
            .uri("/api/v1/devices")
            .exchange()
            .returnResult(byte[].class);
    assertThat(head.getStatus().value()).isEqualTo(200);
    assertThat(head.getResponseBodyContent()).isNullOrEmpty();
    // HEAD of an ADMIN-only GET is refused to a VIEWER as GET is.
    asToken(tokenOf("VIEWER")).head().uri("/api/v1/audit").exchange().expectStatus().isForbidden();
    as(null).head().uri("/actuator/health").exchange().expectStatus().isOk();
  }

  @Test
  void optionsListsTheMethodsOfAKnownPath() {
    var options = as(null).options().uri("/api/v1/leases").exchange().returnResult(String.class);
    assertThat(options.getStatus().value()).isEqualTo(200);
    assertThat(options.getResponseHeaders().getAllow())
        .contains(HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD, HttpMethod.OPTIONS)
        .doesNotContain(HttpMethod.PATCH, HttpMethod.DELETE);
  }

  @Test
  void aPreflightFromTheConfiguredOriginIsAnswered() {
    var preflight =
        as(null)
            .options()
            .uri("/api/v1/leases")
            .header(HttpHeaders.ORIGIN, "https://console.example")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
            .header(
                HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS,
                "authorization, idempotency-key, traceparent")
            .exchange()
            .returnResult(String.class);
    assertThat(preflight.getStatus().value()).isEqualTo(200);
    assertThat(preflight.getResponseHeaders().getAccessControlAllowOrigin())
        .isEqualTo("https://console.example");
    assertThat(preflight.getResponseHeaders().getAccessControlAllowMethods())
        .contains(HttpMethod.POST);
    assertThat(String.join(",", preflight.getResponseHeaders().getAccessControlAllowHeaders()))
        .containsIgnoringCase("idempotency-key")
        .containsIgnoringCase("traceparent");
  }

  @Test
  void everyResponseEchoesItsRequestIdOrAGeneratedOne() {
    as(null)
        .get()
        .uri("/api/v1/devices")
        .header("X-Request-Id", "ci-run-42.step:7")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("X-Request-Id", "ci-run-42.step:7");
    String generated =
        asToken(tokenOf("VIEWER"))
            .get()
            .uri("/api/v1/devices")
            .header("X-Request-Id", "not acceptable <script>")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst("X-Request-Id");
    assertThat(generated).matches("[0-9a-f-]{36}");
    assertThat(
            call(asToken(tokenOf("ADMIN")), HttpMethod.GET, "/api/v1/nope")
                .getResponseHeaders()
                .getFirst("X-Request-Id"))
        .isNotBlank();
  }

  @Test
  void sortIsRefusedRatherThanIgnored() {
    as(null).get().uri("/api/v1/leases?sort=holder").exchange().expectStatus().isUnauthorized();
    EntityExchangeResult<String> result =
        call(asToken(tokenOf("VIEWER")), HttpMethod.GET, "/api/v1/leases?sort=holder,asc");
    assertThat(result.getStatus().value()).isEqualTo(400);
    assertThat(json(result.getResponseBody()).path("type").asString())
        .isEqualTo(PROBLEMS + "validation");
    assertThat(json(result.getResponseBody()).path("detail").asString())
        .contains("sort is not supported");
    assertThat(
            call(asToken(tokenOf("VIEWER")), HttpMethod.GET, "/api/v1/leases?page=0&size=5")
                .getStatus()
                .value())
        .isEqualTo(200);
  }

  private static EntityExchangeResult<String> call(
      WebTestClient client, HttpMethod method, String path) {
    return client.method(method).uri(path).exchange().expectBody(String.class).returnResult();
  }
}
