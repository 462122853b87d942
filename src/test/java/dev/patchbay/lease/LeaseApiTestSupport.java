package dev.patchbay.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real service on a random port over an in-memory H2 database migrated by Flyway, with a fast
 * lease sweep. Subclasses may point it at PostgreSQL. Tests use unique device names.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:patchbay-lease;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
      "patchbay.data-dir=target/test-data",
      "patchbay.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "patchbay.lease.sweep-interval=200ms",
      "patchbay.lease.max-wait=120s"
    })
@AutoConfigureWebTestClient(timeout = "120s")
abstract class LeaseApiTestSupport {

  static final String PROBLEMS = "https://patchbay.dev/problems/";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired WebTestClient client;

  /** Every response body read through {@link #body}, to check that no token is ever listed. */
  final List<String> bodies = new ArrayList<>();

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates devices with the given names. */
  void devices(String... names) {
    for (String name : names) {
      body(send("POST", "/api/v1/devices", "{\"name\": \"" + name + "\"}", Map.of()), 201);
    }
  }

  WebTestClient.ResponseSpec send(
      String method, String uri, String json, Map<String, String> headers) {
    WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(uri);
    headers.forEach(request::header);
    if (json == null) {
      return request.exchange();
    }
    return request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
  }

  /** {@code POST /api/v1/leases} for the devices. */
  WebTestClient.ResponseSpec acquire(String holder, long ttl, long wait, String... devices) {
    return send(
        "POST",
        "/api/v1/leases",
        """
        {"devices": %s, "holder": "%s", "ttlSeconds": %d, "waitSeconds": %d,
         "reason": "test"}
        """
            .formatted(JSON.writeValueAsString(List.of(devices)), holder, ttl, wait),
        Map.of());
  }

  /** Acquires and expects 201. */
  JsonNode granted(String holder, long ttl, long wait, String... devices) {
    return body(acquire(holder, ttl, wait, devices), 201);
  }

  static Map<String, String> leaseHeader(JsonNode lease) {
    return Map.of(
        "Patchbay-Lease", lease.path("id").asLong() + ":" + lease.path("token").asString());
  }

  WebTestClient.ResponseSpec release(JsonNode lease) {
    return send("DELETE", "/api/v1/leases/" + lease.path("id").asLong(), null, leaseHeader(lease));
  }

  JsonNode body(WebTestClient.ResponseSpec response, int status) {
    String text =
        response
            .expectStatus()
            .isEqualTo(status)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    synchronized (bodies) {
      bodies.add(text);
    }
    return text == null ? null : JSON.readTree(text);
  }

  /** Asserts a problem document of the given type naming at least the given fields. */
  JsonNode problem(WebTestClient.ResponseSpec response, int status, String type, String... fields) {
    JsonNode problem = body(response, status);
    assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + type);
    List<String> named = new ArrayList<>();
    problem.path("errors").forEach(e -> named.add(e.path("field").asString()));
    if (fields.length > 0) {
      assertThat(named).contains(fields);
    }
    return problem;
  }
}
