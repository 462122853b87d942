package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** Security headers on the page, CORS closed by default, request bodies bounded. */
class HardeningTest extends SecurityTestSupport {

  @Test
  void thePageCarriesSecurityHeaders() {
    as(null)
        .get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueMatches("Content-Security-Policy", ".*script-src 'self';.*frame-ancestors 'none'.*")
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("Referrer-Policy", "no-referrer");
  }

  @Test
  void crossOriginCallsGetNoCorsPermission() {
    var preflight =
        as(null)
            .options()
            .uri("/api/v1/devices")
            .header(HttpHeaders.ORIGIN, "https://evil.example")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.GET.name())
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, HttpHeaders.AUTHORIZATION)
            .exchange()
            .returnResult(String.class);
    // Without Access-Control-Allow-Origin a browser refuses the call, whatever the status.
    assertThat(preflight.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
    assertThat(preflight.getResponseHeaders().getAccessControlAllowHeaders()).isEmpty();

    var simple =
        client
            .get()
            .uri("/api/v1/devices")
            .header(HttpHeaders.ORIGIN, "https://evil.example")
            .exchange()
            .returnResult(String.class);
    assertThat(simple.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
  }

  @Test
  void anOversizedBodyIsRefusedAsAProblem() {
    String huge = "{\"name\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";
    client
        .post()
        .uri("/api/v1/devices")
        .header(HttpHeaders.CONTENT_TYPE, "application/json")
        .bodyValue(huge)
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "payload-too-large");
  }
}
