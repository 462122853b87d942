package dev.patchbay.security;

import dev.patchbay.security.token.ApiToken;
import dev.patchbay.security.token.ApiTokenRepository;
import dev.patchbay.security.token.Role;
import dev.patchbay.security.token.TokenSecrets;
import dev.patchbay.testsupport.ApiContextTest;
import dev.patchbay.testsupport.TestApiToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Spring context for the authentication and authorisation tests: the real service on a random
 * port, with a failure limit high enough that the matrix's many bad credentials are not throttled.
 */
@ApiContextTest
abstract class SecurityTestSupport {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PROBLEMS = "https://patchbay.dev/problems/";

  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  @Autowired WebTestClient client;
  @Autowired ApiTokenRepository repository;
  @LocalServerPort int port;

  /** A client that sends {@code authorization} (null: no Authorization header at all). */
  WebTestClient as(String authorization) {
    return client
        .mutate()
        .defaultHeaders(
            headers -> {
              headers.remove(HttpHeaders.AUTHORIZATION);
              if (authorization != null) {
                headers.set(HttpHeaders.AUTHORIZATION, authorization);
              }
            })
        .build();
  }

  WebTestClient asToken(String token) {
    return as(TestApiToken.bearer(token));
  }

  /** A fresh token, made with the test ADMIN token. */
  JsonNode createToken(String role, String testbedsJson, Instant expiresAt) {
    String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    String body =
        "{\"name\": \"%s\", \"role\": \"%s\"%s%s}"
            .formatted(
                name,
                role,
                testbedsJson == null ? "" : ", \"testbeds\": " + testbedsJson,
                expiresAt == null ? "" : ", \"expiresAt\": \"" + expiresAt + "\"");
    return json(
        client
            .post()
            .uri("/api/v1/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  /** One unscoped token per role, made once per context. */
  String tokenOf(String role) {
    return TOKENS.computeIfAbsent(
        port + ":" + role, key -> createToken(role, null, null).path("token").asString());
  }

  /** A token that expired a second ago (stored directly: the API refuses a past expiry). */
  String expiredToken() {
    return TOKENS.computeIfAbsent(
        port + ":expired",
        key -> {
          String token = TokenSecrets.generate();
          Instant now = Instant.now();
          repository.save(
              new ApiToken(
                  "expired-" + UUID.randomUUID().toString().substring(0, 8),
                  Role.ADMIN,
                  TokenSecrets.hash(token),
                  TokenSecrets.hint(token),
                  null,
                  "test",
                  now.minus(Duration.ofHours(1)),
                  now.minusSeconds(1)));
          return token;
        });
  }

  /** A token that was revoked. */
  String revokedToken() {
    return TOKENS.computeIfAbsent(
        port + ":revoked",
        key -> {
          JsonNode made = createToken("ADMIN", null, null);
          client
              .delete()
              .uri("/api/v1/tokens/" + made.path("id").asLong())
              .exchange()
              .expectStatus()
              .isOk();
          return made.path("token").asString();
        });
  }

  static JsonNode json(String body) {
    return JSON.readTree(body);
  }
}
