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

/**
 * The published OpenAPI document: every operation has an operationId, a summary and documented
 * problem responses; no example shows a secret. With {@code -Dpatchbay.openapi.write=true} it is
 * written to {@code docs/openapi.json}.
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
        if (!method.equals("get") && !method.equals("delete")) {
          assertThat(responses.has("400") && responses.has("415")).as(where).isTrue();
        }
        if (path.getKey().contains("{") && !method.equals("get") && !method.equals("post")) {
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
            "supplyTestbedSecret")
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

    if (Boolean.getBoolean("patchbay.openapi.write")) {
      Path file = Path.of("docs", "openapi.json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, spec.toPrettyString() + "\n");
    }
  }
}
