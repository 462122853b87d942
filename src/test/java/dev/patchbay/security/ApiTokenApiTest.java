package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.TestApiToken;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Creating, listing, using and revoking API tokens, and the audit trail of their use. */
class ApiTokenApiTest extends SecurityTestSupport {

  @Test
  void aCreatedTokenIsShownOnceWorksWithItsRoleAndStopsWhenRevoked() {
    JsonNode made = createToken("OPERATOR", null, Instant.parse("2999-01-01T00:00:00Z"));
    String token = made.path("token").asString();
    assertThat(token).startsWith("pb_").hasSizeGreaterThan(40);
    assertThat(made.path("hint").asString()).isEqualTo(token.substring(0, 7) + "…");

    String listing = listTokens();
    assertThat(listing).contains(made.path("name").asString()).doesNotContain(token);
    assertThat(repository.findAll())
        .as("only the hash is stored")
        .noneMatch(t -> t.getTokenHash().equals(token) || t.getHint().equals(token));

    JsonNode me = json(body(asToken(token).get().uri("/api/v1/auth/me").exchange()));
    assertThat(me.path("name").asString()).isEqualTo(made.path("name").asString());
    assertThat(me.path("role").asString()).isEqualTo("OPERATOR");

    client
        .delete()
        .uri("/api/v1/tokens/" + made.path("id").asLong())
        .exchange()
        .expectStatus()
        .isOk();
    String refused =
        body(
            asToken(token).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized());
    assertThat(json(refused).path("detail").asString()).isEqualTo("the API token has been revoked");
  }

  @Test
  void theTestContextStartsWithTheConfiguredAdminToken() {
    JsonNode me = json(body(client.get().uri("/api/v1/auth/me").exchange()));
    assertThat(me.path("name").asString()).isEqualTo("admin");
    assertThat(me.path("role").asString()).isEqualTo("ADMIN");
    assertThat(me.path("testbeds").isNull()).isTrue();
  }

  @Test
  void badTokenRequestsAreProblemsNamingEachField() {
    String problem =
        body(
            client
                .post()
                .uri("/api/v1/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    "{\"name\": \"bad name!\", \"role\": \"ADMIN\", \"testbeds\": [\"lab\"],"
                        + " \"expiresAt\": \"2001-01-01T00:00:00Z\"}")
                .exchange()
                .expectStatus()
                .isBadRequest());
    assertThat(json(problem).path("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("name", "testbeds", "expiresAt");
    client
        .post()
        .uri("/api/v1/tokens")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\": \"x\", \"role\": \"ROOT\"}")
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void failedAuthenticationAndTokenUseAreAudited() {
    as("Bearer pb_audited-unknown-token-000000000000000000000")
        .get()
        .uri("/api/v1/devices")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    String viewer = createToken("VIEWER", null, null).path("token").asString();
    asToken(viewer).get().uri("/api/v1/devices").exchange().expectStatus().isOk();

    JsonNode failed =
        json(body(client.get().uri("/api/v1/audit?size=200").exchange())).path("items");
    assertThat(failed.findValuesAsString("action")).contains("auth.failed", "token.use");
    String audit = failed.toString();
    assertThat(audit)
        .contains("the API token is not known (GET /api/v1/devices from 127.0.0.1)")
        .doesNotContain("pb_audited-unknown-token")
        .doesNotContain(viewer)
        .doesNotContain(TestApiToken.ADMIN);
  }

  private String listTokens() {
    return body(client.get().uri("/api/v1/tokens").exchange());
  }

  private static String body(
      org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
    return spec.expectBody(String.class).returnResult().getResponseBody();
  }
}
