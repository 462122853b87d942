package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A first start without PATCHBAY_ADMIN_TOKEN: one ADMIN token is generated and logged once, it
 * works, it cannot be revoked while it is the only admin; and a client that keeps failing to
 * authenticate with one credential is refused with 429, while a valid token from the same address
 * is not; behind a trusted proxy, the forwarded address is the client.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:patchbay-bootstrap;DB_CLOSE_DELAY=-1",
      "patchbay.data-dir=target/test-data",
      "patchbay.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "patchbay.auth.admin-token=",
      "patchbay.auth.max-failures=3",
      "patchbay.auth.failure-window=1h",
      "patchbay.auth.trusted-proxies=10.0.0.0/8,127.0.0.0/8"
    })
@AutoConfigureWebTestClient(timeout = "30s")
class BootstrapAndRateLimitTest {

  private static final Pattern LOGGED_TOKEN =
      Pattern.compile("created ADMIN token 'admin'. It is shown only now: (pb_[\\w-]+)");

  @Autowired WebTestClient client;

  private WebTestClient as(String authorization) {
    return client
        .mutate()
        .defaultHeaders(h -> h.set(HttpHeaders.AUTHORIZATION, authorization))
        .build();
  }

  @Test
  void theGeneratedAdminTokenIsLoggedOnceWorksAndIsNotRevocableWhileAlone(CapturedOutput output) {
    Matcher logged = LOGGED_TOKEN.matcher(output.getAll());
    assertThat(logged.find()).as("the generated token in the log").isTrue();
    String token = logged.group(1);
    assertThat(logged.find()).as("logged only once").isFalse();
    // The test ADMIN token of other contexts is not configured here.
    client.get().uri("/api/v1/tokens").exchange().expectStatus().isUnauthorized();

    String me =
        as("Bearer " + token)
            .get()
            .uri("/api/v1/auth/me")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    long id = JsonMapper.builder().build().readTree(me).path("tokenId").asLong();
    as("Bearer " + token)
        .delete()
        .uri("/api/v1/tokens/" + id)
        .exchange()
        .expectStatus()
        .isEqualTo(409);

    // One broken client repeats its bad token: three failures reach the limit.
    for (int i = 0; i < 3; i++) {
      bad("pb_wrong-token", null).expectStatus().isUnauthorized();
    }
    bad("pb_wrong-token", null)
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .exists(HttpHeaders.RETRY_AFTER)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://patchbay.dev/problems/auth-rate-limited");
    // The same address with a valid token, or with another credential, is not held back.
    as("Bearer " + token).get().uri("/api/v1/devices").exchange().expectStatus().isOk();
    bad("pb_other-token", null).expectStatus().isUnauthorized();

    // Behind trusted proxies (127.0.0.0/8, then 10.0.0.0/8) the forwarded client counts.
    for (int i = 0; i < 3; i++) {
      bad("pb_proxied-token", "203.0.113.5, 10.1.2.3").expectStatus().isUnauthorized();
    }
    bad("pb_proxied-token", "203.0.113.5").expectStatus().isEqualTo(429);
    bad("pb_proxied-token", "203.0.113.6").expectStatus().isUnauthorized();
  }

  private WebTestClient.ResponseSpec bad(String token, String forwardedFor) {
    return client
        .get()
        .uri("/api/v1/devices")
        .headers(
            h -> {
              h.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
              if (forwardedFor != null) {
                h.set("X-Forwarded-For", forwardedFor);
              }
            })
        .exchange();
  }
}
