package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Definitions stored by an import with protocols Patchbay has no driver for are shown as
 * unsupported, and survive GET → PUT and merge-patch round trips unchanged, as do names that REST
 * itself would not accept.
 */
class ImportedConnectionTest extends InventoryApiTestSupport {

  @Autowired DeviceRepository devices;
  @Autowired TransactionTemplate transactions;

  @Test
  void unsupportedDefinitionsAreShownAndKept() {
    String name = unique("imp");
    transactions.executeWithoutResult(
        status -> {
          Device device = new Device(name);
          ConnectionDefinition web = new ConnectionDefinition("web");
          web.setProtocol("https");
          web.setHost("10.1.1.1");
          ConnectionDefinition local = new ConnectionDefinition("local");
          local.setProtocol("unknown");
          local.setCommand("bash");
          local.getExtra().put("keep", "me");
          ConnectionDefinition spaced = new ConnectionDefinition("mgmt vrf");
          spaced.setProtocol("ssh");
          spaced.setHost("10.1.1.2");
          device.addConnection(web);
          device.addConnection(local);
          device.addConnection(spaced);
          devices.save(device);
        });
    String uri = "/api/v1/devices/" + name;
    JsonNode read = body(get(uri), 200);
    JsonNode web = read.path("connections").get(0);
    assertThat(web.path("protocol").asString()).isEqualTo("https");
    assertThat(web.path("supported").asBoolean()).isFalse();
    assertThat(web.path("unsupportedReason").asString()).contains("https");
    JsonNode local = read.path("connections").get(1);
    assertThat(local.path("supported").asBoolean()).isFalse();
    assertThat(local.path("command").asString()).isEqualTo("bash");

    body(put(uri, read.toString()), 200);
    JsonNode patched =
        body(
            client
                .patch()
                .uri(uri)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .bodyValue("{\"os\": \"linux\"}")
                .exchange(),
            200);
    assertThat(patched.path("connections")).hasSize(3);
    assertThat(patched.path("connections").get(1).path("command").asString()).isEqualTo("bash");
    String extra =
        transactions.execute(
            status ->
                (String)
                    devices
                        .findByName(name)
                        .orElseThrow()
                        .connection("local")
                        .orElseThrow()
                        .getExtra()
                        .get("keep"));
    assertThat(extra).isEqualTo("me");

    problem(
        post(uri + "/connections", "{\"name\": \"x y\", \"protocol\": \"ssh\", \"host\": \"h\"}"),
        400,
        "validation",
        "name");
    problem(
        put(uri + "/connections/web", "{\"protocol\": \"ftp\", \"host\": \"h\"}"),
        400,
        "validation",
        "protocol");
  }
}
