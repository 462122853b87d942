package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.ApiContextTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Spring context for all HTTP tests of the inventory: the real service on a random port over an
 * in-memory H2 database migrated by Flyway. Tests use unique names so they do not interfere.
 */
@ApiContextTest
abstract class InventoryApiTestSupport {

  static final String PROBLEMS = "https://patchbay.dev/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired WebTestClient client;

  /** Every response body read through {@link #body}, to check that no secret ever leaks. */
  final List<String> bodies = new ArrayList<>();

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  WebTestClient.ResponseSpec send(String method, String uri, String json, String ifMatch) {
    WebTestClient.RequestBodySpec request =
        client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri);
    if (ifMatch != null) {
      request.header(HttpHeaders.IF_MATCH, ifMatch);
    }
    if (json == null) {
      return request.exchange();
    }
    return request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
  }

  WebTestClient.ResponseSpec post(String uri, String json) {
    return send("POST", uri, json, null);
  }

  WebTestClient.ResponseSpec put(String uri, String json) {
    return send("PUT", uri, json, null);
  }

  WebTestClient.ResponseSpec get(String uri) {
    return send("GET", uri, null, null);
  }

  /** Reads the body of a response with the expected status as JSON. */
  JsonNode body(WebTestClient.ResponseSpec response, int status) {
    String text =
        response
            .expectStatus()
            .isEqualTo(status)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    bodies.add(text);
    return text == null ? null : JSON.readTree(text);
  }

  /** Asserts a problem document of the given type naming at least the given fields. */
  JsonNode problem(WebTestClient.ResponseSpec response, int status, String type, String... fields) {
    response.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = body(response, status);
    assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + type);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    List<String> named = new ArrayList<>();
    problem.path("errors").forEach(e -> named.add(e.path("field").asString()));
    assertThat(named).contains(fields);
    return problem;
  }

  /**
   * The main CRUD scenario over HTTP: testbed, device with inline definitions, replace, definition
   * sub-resource, merge patch, listing and deletes. Run against H2 and PostgreSQL.
   */
  void crudScenario() {
    String testbed = unique("lab");
    String device = unique("r1");
    String devices = "/api/v1/devices/" + device;

    JsonNode tb =
        body(
            post(
                "/api/v1/testbeds",
                """
                {"name": "%s", "description": "Core lab", "alias": "core",
                 "credentials": {"default": {"username": "lab", "password": "tb-secret"}},
                 "custom": {"owner": "netops"}}
                """
                    .formatted(testbed)),
            201);
    assertThat(tb.path("credentials").path("default").path("password").asString())
        .isEqualTo("*****");

    WebTestClient.ResponseSpec created =
        post("/api/v1/devices", deviceJson(device, testbed, "pw1"));
    created.expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"");
    created.expectHeader().valueEquals(HttpHeaders.LOCATION, devices);
    JsonNode d = body(created, 201);
    assertThat(d.path("testbed").asString()).isEqualTo(testbed);
    assertThat(d.path("version").asLong()).isZero();
    assertThat(d.path("connections")).hasSize(2);
    assertThat(d.path("connections").get(0).path("supported").asBoolean()).isTrue();
    assertThat(d.path("connections").get(0).path("initConfigCommands")).isEmpty();
    assertThat(d.path("connections").get(1).path("initConfigCommands").isNull()).isTrue();
    assertThat(d.path("connections").get(1).path("serial").path("baudRate").asInt())
        .isEqualTo(9600);
    assertThat(d.path("connectionDefaults").path("class").asString()).isEqualTo("unicon.Unicon");
    assertThat(d.path("custom").path("tags")).hasSize(2);

    WebTestClient.ResponseSpec read = get(devices);
    read.expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"");
    assertThat(body(read, 200).path("credentials").path("default").path("passwordState").asString())
        .isEqualTo("stored");

    JsonNode replaced =
        body(
            send(
                "PUT",
                devices,
                """
                {"testbed": "%s", "os": "nxos", "type": "switch",
                 "connections": [{"name": "cli", "protocol": "ssh", "host": "10.0.0.1",
                                  "port": 2222}]}
                """
                    .formatted(testbed),
                "\"0\""),
            200);
    assertThat(replaced.path("version").asLong()).isEqualTo(1);
    assertThat(replaced.path("os").asString()).isEqualTo("nxos");
    assertThat(replaced.path("role").isNull()).isTrue();
    assertThat(replaced.path("connections")).hasSize(1);
    assertThat(replaced.path("connections").get(0).path("port").asInt()).isEqualTo(2222);
    assertThat(replaced.path("credentials").path("default").path("username").asString())
        .isEqualTo("admin");

    String vty =
        """
        {"name": "vty", "protocol": "telnet", "host": "127.0.0.1", "port": 2323}
        """;
    WebTestClient.ResponseSpec added = post(devices + "/connections", vty);
    added.expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"");
    assertThat(body(added, 201).path("protocol").asString()).isEqualTo("telnet");
    assertThat(body(get(devices + "/connections"), 200)).hasSize(2);
    JsonNode vtyChanged =
        body(
            send(
                "PUT",
                devices + "/connections/vty",
                """
                {"protocol": "telnet", "host": "127.0.0.2", "port": 23}
                """,
                "\"2\""),
            200);
    assertThat(vtyChanged.path("host").asString()).isEqualTo("127.0.0.2");
    assertThat(body(get(devices + "/connections/vty"), 200).path("port").asInt()).isEqualTo(23);
    send("DELETE", devices + "/connections/vty", null, "\"3\"").expectStatus().isNoContent();
    get(devices + "/connections/vty").expectStatus().isNotFound();

    JsonNode patched =
        body(
            client
                .patch()
                .uri(devices)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .bodyValue("{\"role\": \"p\", \"aliases\": null}")
                .exchange(),
            200);
    assertThat(patched.path("role").asString()).isEqualTo("p");
    assertThat(patched.path("os").asString()).isEqualTo("nxos");
    assertThat(patched.path("aliases")).isEmpty();
    assertThat(patched.path("connections")).hasSize(1);
    assertThat(patched.path("credentials").path("default").path("passwordState").asString())
        .isEqualTo("stored");

    JsonNode listed = body(get("/api/v1/devices?testbed=" + testbed), 200);
    assertThat(listed.path("totalItems").asLong()).isEqualTo(1);
    assertThat(listed.path("items").get(0).path("name").asString()).isEqualTo(device);

    problem(send("DELETE", "/api/v1/testbeds/" + testbed, null, null), 409, "conflict");
    send("DELETE", devices, null, null).expectStatus().isNoContent();
    problem(get(devices), 404, "not-found");
    send("DELETE", "/api/v1/testbeds/" + testbed, null, null).expectStatus().isNoContent();
    problem(get("/api/v1/testbeds/" + testbed), 404, "not-found");
    assertThat(String.join("\n", bodies)).doesNotContain("pw1", "tb-secret");
  }

  /**
   * Eight concurrent replaces that all claim version 0: exactly one wins, the others get 409 (a
   * stale body version or a failed optimistic lock), never a 500.
   */
  void raceScenario() throws Exception {
    String name = unique("race");
    String uri = "/api/v1/devices/" + name;
    body(post("/api/v1/devices", deviceJson(name, null, "pw")), 201);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String json = "{\"os\": \"os" + i + "\", \"version\": 0, \"connections\": []}";
      writes.add(
          () -> {
            start.await();
            return put(uri, json).returnResult(String.class).getStatus().value();
          });
    }
    List<Integer> statuses = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Integer>> futures = writes.stream().map(pool::submit).toList();
      start.countDown();
      for (Future<Integer> future : futures) {
        statuses.add(future.get(60, TimeUnit.SECONDS));
      }
    }
    assertThat(statuses).hasSize(8).containsOnly(200, 409);
    assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
    JsonNode device = body(get(uri), 200);
    assertThat(device.path("version").asLong()).isEqualTo(1);
    assertThat(device.path("connections")).isEmpty();
  }

  /** A device with an inline ssh definition and a default credential. */
  static String deviceJson(String name, String testbed, String password) {
    return """
        {"name": "%s", %s "os": "iosxe", "type": "router", "role": "pe",
         "aliases": ["%s-alias"], "custom": {"rack": 4, "tags": ["a", "b"]},
         "connectionDefaults": {"via": "cli", "class": "unicon.Unicon"},
         "credentials": {"default": {"username": "admin", "password": "%s"}},
         "connections": [
           {"name": "cli", "protocol": "ssh", "host": "127.0.0.1", "port": 22,
            "timeouts": {"connectSeconds": 10}, "initConfigCommands": [],
            "prompts": {"exec": "^r1>$"}, "settings": {"EXEC_TIMEOUT": 30}},
           {"name": "console", "protocol": "serial",
            "serial": {"device": "/dev/ttyUSB0", "baudRate": 9600, "dataBits": 8,
                       "parity": "none", "stopBits": "1", "flowControl": "none"}}
         ]}
        """
        .formatted(
            name, testbed == null ? "" : "\"testbed\": \"" + testbed + "\",", name, password);
  }
}
