package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Testbed replace, rename and delete with and without cascade; JSON GET is explicit JSON. */
class TestbedApiTest extends InventoryApiTestSupport {

  @Test
  void replaceKeepsCredentialsWhenAbsentAndRenames() {
    String name = unique("tb");
    body(
        post(
            "/api/v1/testbeds",
            """
            {"name": "%s", "alias": "a",
             "credentials": {"default": {"username": "lab", "password": "tb-pw"}}}
            """
                .formatted(name)),
        201);
    String renamed = name + "-new";
    JsonNode replaced =
        body(
            put(
                "/api/v1/testbeds/" + name,
                "{\"name\": \"" + renamed + "\", \"description\": \"d\", \"custom\": {\"k\": 1}}"),
            200);
    assertThat(replaced.path("name").asString()).isEqualTo(renamed);
    assertThat(replaced.path("alias").isNull()).isTrue();
    assertThat(replaced.path("custom").path("k").asInt()).isEqualTo(1);
    assertThat(replaced.path("credentials").path("default").path("username").asString())
        .isEqualTo("lab");
    problem(get("/api/v1/testbeds/" + name), 404, "not-found");
    client
        .get()
        .uri("/api/v1/testbeds/" + renamed)
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectHeader()
        .valueEquals(HttpHeaders.ETAG, "\"1\"");
  }

  @Test
  void mergePatchChangesOnlyTheGivenAttributes() {
    String name = unique("tb");
    body(
        post(
            "/api/v1/testbeds",
            """
            {"name": "%s", "alias": "a", "custom": {"k": 1, "drop": true},
             "credentials": {"default": {"username": "lab", "password": "tb-pw"}}}
            """
                .formatted(name)),
        201);
    JsonNode patched =
        body(
            send(
                "PATCH",
                "/api/v1/testbeds/" + name,
                "{\"description\": \"d\", \"custom\": {\"drop\": null}}",
                "\"0\""),
            200);
    assertThat(patched.path("alias").asString()).isEqualTo("a");
    assertThat(patched.path("description").asString()).isEqualTo("d");
    assertThat(patched.path("custom").properties()).hasSize(1);
    assertThat(patched.path("credentials").path("default").path("passwordState").asString())
        .isEqualTo("stored");
    problem(send("PATCH", "/api/v1/testbeds/" + name, "[]", null), 400, "malformed-request");
    problem(send("PATCH", "/api/v1/testbeds/" + name, "{}", "\"0\""), 412, "precondition-failed");
    assertThat(String.join("\n", bodies)).doesNotContain("tb-pw");
  }

  @Test
  void deleteRefusesDevicesUnlessCascaded() {
    String name = unique("tb");
    body(post("/api/v1/testbeds", "{\"name\": \"" + name + "\"}"), 201);
    String device = unique("d");
    body(post("/api/v1/devices", deviceJson(device, name, "pw")), 201);

    JsonNode refused =
        problem(send("DELETE", "/api/v1/testbeds/" + name, null, null), 409, "conflict");
    assertThat(refused.path("detail").asString()).contains("cascade=true");
    body(get("/api/v1/devices/" + device), 200);

    send("DELETE", "/api/v1/testbeds/" + name + "?cascade=true", null, "\"0\"")
        .expectStatus()
        .isNoContent();
    problem(get("/api/v1/testbeds/" + name), 404, "not-found");
    problem(get("/api/v1/devices/" + device), 404, "not-found");
  }

  @Test
  void renameToExistingNameIsConflict() {
    String a = unique("tb");
    String b = unique("tb");
    body(post("/api/v1/testbeds", "{\"name\": \"" + a + "\"}"), 201);
    body(post("/api/v1/testbeds", "{\"name\": \"" + b + "\"}"), 201);
    problem(put("/api/v1/testbeds/" + a, "{\"name\": \"" + b + "\"}"), 409, "conflict");
    String d1 = unique("d");
    String d2 = unique("d");
    body(post("/api/v1/devices", "{\"name\": \"" + d1 + "\"}"), 201);
    body(post("/api/v1/devices", "{\"name\": \"" + d2 + "\"}"), 201);
    problem(put("/api/v1/devices/" + d1, "{\"name\": \"" + d2 + "\"}"), 409, "conflict");
  }
}
