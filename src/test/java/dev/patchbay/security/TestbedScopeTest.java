package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A token scoped to testbeds reaches their devices and nothing else. */
class TestbedScopeTest extends SecurityTestSupport {

  @Test
  void aScopedTokenStaysInsideItsTestbeds() {
    String mine = unique("mine");
    String other = unique("other");
    String myDevice = unique("r");
    String otherDevice = unique("r");
    createTestbed(mine, myDevice);
    createTestbed(other, otherDevice);
    String token = createToken("OPERATOR", "[\"" + mine + "\"]", null).path("token").asString();
    WebTestClient scoped = asToken(token);

    scoped.get().uri("/api/v1/devices/" + myDevice).exchange().expectStatus().isOk();
    scoped.get().uri("/api/v1/testbeds/" + mine).exchange().expectStatus().isOk();
    scoped.get().uri("/api/v1/devices?testbed=" + mine).exchange().expectStatus().isOk();
    scoped.get().uri("/api/v1/devices/" + myDevice + "/sessions").exchange().expectStatus().isOk();

    expectForbidden(scoped.get().uri("/api/v1/devices/" + otherDevice), "cannot reach device");
    expectForbidden(
        scoped.get().uri("/api/v1/devices/" + otherDevice + "/connections"), "cannot reach device");
    expectForbidden(scoped.get().uri("/api/v1/testbeds/" + other), "cannot reach testbed");
    expectForbidden(scoped.get().uri("/api/v1/devices"), "needs the testbed query parameter");
    expectForbidden(scoped.get().uri("/api/v1/testbeds"), "spans every testbed");
    expectForbidden(
        scoped
            .post()
            .uri("/api/v1/devices/" + otherDevice + "/sessions")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}"),
        "cannot reach device");

    String job = "{\"devices\": [\"%s\"], \"commands\": [{\"command\": \"show clock\"}]}";
    expectForbidden(
        scoped
            .post()
            .uri("/api/v1/jobs")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(job.formatted(otherDevice)),
        "cannot reach testbed '" + other + "'");
    expectForbidden(
        scoped
            .post()
            .uri("/api/v1/jobs")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"testbed\": \"" + other + "\"}"),
        "cannot reach testbed '" + other + "'");
    scoped
        .post()
        .uri("/api/v1/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(job.formatted(myDevice))
        .exchange()
        .expectStatus()
        .isAccepted();

    String lease = "{\"devices\": [\"%s\"], \"holder\": \"scoped\", \"ttlSeconds\": 30}";
    expectForbidden(
        scoped
            .post()
            .uri("/api/v1/leases")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(lease.formatted(otherDevice)),
        "cannot reach device '" + otherDevice + "'");
    scoped
        .post()
        .uri("/api/v1/leases")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(lease.formatted(myDevice))
        .exchange()
        .expectStatus()
        .isCreated();
  }

  private void createTestbed(String testbed, String device) {
    client
        .post()
        .uri("/api/v1/testbeds")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\": \"" + testbed + "\"}")
        .exchange()
        .expectStatus()
        .isCreated();
    client
        .post()
        .uri("/api/v1/devices")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\": \"%s\", \"testbed\": \"%s\", \"os\": \"iosxe\", \"connections\": [{\"name\":"
                    .formatted(device, testbed)
                + " \"cli\", \"protocol\": \"ssh\", \"host\": \"127.0.0.1\", \"port\": 22}]}")
        .exchange()
        .expectStatus()
        .isCreated();
  }

  private static void expectForbidden(WebTestClient.RequestHeadersSpec<?> request, String why) {
    String detail =
        json(request
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
            .path("detail")
            .asString();
    assertThat(detail).contains("is limited to testbeds").contains(why);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
