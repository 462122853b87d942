package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** ETag/If-Match preconditions (412) and stale body versions (409). */
class OptimisticLockingTest extends InventoryApiTestSupport {

  @Test
  void staleIfMatchIsPreconditionFailed() {
    String name = unique("lock");
    String uri = "/api/v1/devices/" + name;
    body(post("/api/v1/devices", deviceJson(name, null, "pw")), 201);

    JsonNode problem =
        problem(send("PUT", uri, "{\"os\": \"nxos\"}", "\"7\""), 412, "precondition-failed");
    assertThat(problem.path("currentVersion").asLong()).isZero();
    problem(send("DELETE", uri, null, "\"3\""), 412, "precondition-failed");
    problem(send("DELETE", uri + "/connections/cli", null, "\"3\""), 412, "precondition-failed");
    problem(
        send(
            "POST",
            uri + "/connections",
            "{\"name\": \"x\", \"protocol\": \"ssh\", \"host\": \"h\"}",
            "\"3\""),
        412,
        "precondition-failed");

    problem(send("PUT", uri, "{\"os\": \"nxos\"}", "W/\"0\""), 412, "precondition-failed");
    WebTestClient.ResponseSpec ok = send("PUT", uri, "{\"os\": \"nxos\"}", "\"0\"");
    ok.expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"");
    body(ok, 200);
    body(send("PUT", uri, "{\"os\": \"iosxr\"}", "*"), 200);
    problem(send("PUT", uri, "{\"os\": \"junos\"}", "\"1\""), 412, "precondition-failed");
    assertThat(body(get(uri), 200).path("os").asString()).isEqualTo("iosxr");
  }

  @Test
  void staleBodyVersionIsConflict() {
    String name = unique("ver");
    String uri = "/api/v1/devices/" + name;
    body(post("/api/v1/devices", "{\"name\": \"" + name + "\"}"), 201);
    body(put(uri, "{\"os\": \"a\", \"version\": 0}"), 200);
    problem(put(uri, "{\"os\": \"b\", \"version\": 0}"), 409, "stale-version");
    assertThat(body(get(uri), 200).path("os").asString()).isEqualTo("a");

    String testbed = unique("lab");
    body(post("/api/v1/testbeds", "{\"name\": \"" + testbed + "\"}"), 201);
    body(put("/api/v1/testbeds/" + testbed, "{\"description\": \"x\", \"version\": 0}"), 200);
    problem(
        put("/api/v1/testbeds/" + testbed, "{\"description\": \"y\", \"version\": 0}"),
        409,
        "stale-version");
    problem(send("PUT", "/api/v1/testbeds/" + testbed, "{}", "\"0\""), 412, "precondition-failed");
    problem(
        send("DELETE", "/api/v1/testbeds/" + testbed, null, "\"0\""), 412, "precondition-failed");
  }

  @Test
  void concurrentWritesOfOneVersionLetExactlyOneWin() throws Exception {
    raceScenario();
  }
}
