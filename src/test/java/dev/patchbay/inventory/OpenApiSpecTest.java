package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published OpenAPI document: every operation has an operationId, a summary and documented
 * problem responses; no example shows a secret; and {@code docs/openapi.json} is exactly what the
 * service serves (rewrite it with {@code -Dpatchbay.openapi.write=true}).
 */
class OpenApiSpecTest extends InventoryApiTestSupport {

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  @Test
  void inventoryOperationsAreDocumented() throws IOException {
    JsonNode spec = body(get("/v3/api-docs"), 200);
    assertThat(spec.path("info").path("title").asString()).isEqualTo("Patchbay API");
    assertThat(spec.path("components").path("schemas").has("Problem")).isTrue();

    List<String> operationIds = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (String method : METHODS) {
        JsonNode operation = path.getValue().path(method);
        if (operation.isMissingNode() || !path.getKey().startsWith("/api/v1/")) {
          continue;
        }
        String where = method + " " + path.getKey();
        assertThat(operation.path("operationId").asString()).as(where).matches("[a-z][A-Za-z]+");
        assertThat(operation.path("summary").asString()).as(where).isNotBlank();
        operationIds.add(operation.path("operationId").asString());
        JsonNode responses = operation.path("responses");
        if (path.getKey().contains("{")) {
          assertThat(responses.path("404").path("$ref").asString())
              .as(where)
              .isEqualTo("#/components/responses/NotFound");
        }
        if (operation.has("requestBody")) {
          assertThat(responses.has("400") && responses.has("415")).as(where).isTrue();
        }
        // Live sessions and pinned host keys have no stored version: no If-Match.
        boolean inventory =
            (path.getKey().startsWith("/api/v1/devices")
                    || path.getKey().startsWith("/api/v1/testbeds"))
                && !path.getKey().contains("/sessions")
                && !path.getKey().endsWith("/host-key");
        if (inventory
            && path.getKey().contains("{")
            && !method.equals("get")
            && !method.equals("post")) {
          assertThat(responses.has("412")).as(where).isTrue();
        }
      }
    }
    assertThat(operationIds)
        .contains(
            "createDevice",
            "listDevices",
            "getDevice",
            "replaceDevice",
            "patchDevice",
            "deleteDevice",
            "supplyDeviceSecret",
            "createConnection",
            "listConnections",
            "getConnection",
            "replaceConnection",
            "deleteConnection",
            "createTestbed",
            "listTestbeds",
            "getTestbed",
            "replaceTestbed",
            "patchTestbed",
            "deleteTestbed",
            "supplyTestbedSecret",
            "acquireLease",
            "renewLease",
            "releaseLease",
            "getLease",
            "listLeases",
            "listAuditEvents",
            "openSession",
            "listSessions",
            "getSession",
            "closeSession",
            "executeCommand",
            "executeBatch",
            "configureDevice")
        .doesNotHaveDuplicates();
    assertThat(
            spec.path("components")
                .path("responses")
                .path("Conflict")
                .path("content")
                .has("application/problem+json"))
        .isTrue();

    for (JsonNode schema : spec.path("components").path("schemas")) {
      for (String secret : List.of("password", "privateKey")) {
        JsonNode example = schema.path("properties").path(secret).path("example");
        assertThat(example.isMissingNode() || example.asString().equals(SecretSealer.MASK))
            .as("example of " + secret)
            .isTrue();
      }
    }
  }

  /** What generated clients need typed: integers, required headers, response headers, servers. */
  @Test
  void generatedClientsGetTypedParametersAndResponseHeaders() {
    JsonNode spec = body(get("/v3/api-docs"), 200);
    assertThat(spec.path("servers").path(0).path("url").asString()).isEqualTo("/");
    assertThat(spec.path("components").path("schemas").has("ProblemDetail"))
        .as("one problem schema everywhere")
        .isFalse();
    JsonNode paths = spec.path("paths");
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (JsonNode parameter : path.getValue().path("get").path("parameters")) {
        String name = parameter.path("name").asString();
        if (name.equals("size") || name.equals("page")) {
          assertThat(parameter.path("schema").path("type").asString())
              .as(name + " of " + path.getKey())
              .isEqualTo("integer");
        }
      }
    }
    JsonNode renewLease = spec.path("components").path("parameters").path("PatchbayLeaseRequired");
    assertThat(renewLease.path("required").asBoolean()).isTrue();
    assertThat(paths.path("/api/v1/leases/{id}/renew").path("post").path("parameters").toString())
        .contains("#/components/parameters/PatchbayLeaseRequired");
    assertThat(
            paths
                .path("/api/v1/devices/{name}")
                .path("get")
                .path("responses")
                .path("200")
                .path("headers")
                .path("ETag")
                .path("$ref")
                .asString())
        .isEqualTo("#/components/headers/ETag");
    JsonNode acquire = paths.path("/api/v1/leases").path("post");
    assertThat(acquire.path("responses").path("201").path("headers").has("Location")).isTrue();
    assertThat(acquire.path("parameters").toString())
        .contains("#/components/parameters/IdempotencyKey");
    assertThat(
            paths
                .path("/api/v1/jobs")
                .path("post")
                .path("responses")
                .path("202")
                .path("headers")
                .has("Location"))
        .isTrue();
  }

  @Test
  void committedSpecMatchesTheRunningService() throws IOException {
    ObjectNode spec = (ObjectNode) body(get("/v3/api-docs"), 200);
    String current = spec.toPrettyString() + "\n";
    Path file = Path.of("docs", "openapi.json");
    if (Boolean.getBoolean("patchbay.openapi.write")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, current);
    }
    assertThat(file).as("docs/openapi.json (regenerate: -Dpatchbay.openapi.write=true)").exists();
    assertThat(Files.readString(file))
        .as("docs/openapi.json drifted from the service; regenerate: -Dpatchbay.openapi.write=true")
        .isEqualTo(current);
  }
}
