package dev.patchbay.manager;

import static dev.patchbay.audit.AuditQueries.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.audit.AuditLog;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * SSH host keys pinned per connection definition, against the simulator's SSH server restarted with
 * another host key on the same port: trust on first use, a mismatch refused with a
 * host-key-mismatch problem and audited, {@code strict} refusing an unpinned key, and an operator
 * forgetting or pinning a key through the REST API.
 */
class HostKeyApiTest extends SessionApiTestSupport {

  @Autowired AuditLog auditLog;

  @Test
  void aChangedHostKeyIsRefusedAuditedAndCanBeForgotten() {
    SimulatedDevice original = startSshDevice(0);
    String device = "hk-" + UUID.randomUUID().toString().substring(0, 8);
    body(
        post(
            "/api/v1/devices",
            """
            {"name": "%s", "os": "iosxe",
             "credentials": {"default": {"username": "admin", "password": "admin"},
                             "enable": {"password": "cisco"}},
             "connections": [
               {"name": "cli", "protocol": "ssh", "host": "127.0.0.1", "port": %d},
               {"name": "locked", "protocol": "ssh", "host": "127.0.0.1", "port": %d,
                "settings": {"host_key_policy": "strict"}}]}
            """
                .formatted(device, original.port(), original.port())),
        201);
    String hostKey = "/api/v1/devices/" + device + "/connections/cli/host-key";
    problem(get(hostKey), 404, "not-found");

    open(device, "first", "cli", 201);
    JsonNode pinned = body(get(hostKey), 200);
    assertThat(pinned.path("fingerprint").asString()).isEqualTo(original.hostKeyFingerprint());
    assertThat(pinned.path("endpoint").asString()).isEqualTo("127.0.0.1:" + original.port());
    assertThat(pinned.path("keyType").asString()).startsWith("ecdsa-sha2-");
    problem(get("/api/v1/devices/" + device + "/connections/locked/host-key"), 404, "not-found");

    sim.lab().stop(original.name());
    SimulatedDevice replaced = startSshDevice(original.port());
    assertThat(replaced.hostKeyFingerprint()).isNotEqualTo(original.hostKeyFingerprint());

    JsonNode mismatch =
        problem(
            post(sessions(device), "{\"alias\": \"second\", \"via\": \"cli\"}"),
            502,
            "host-key-mismatch");
    assertThat(mismatch.path("detail").asString())
        .contains(device + "/cli", original.hostKeyFingerprint(), replaced.hostKeyFingerprint())
        .contains("DELETE " + hostKey)
        .doesNotContain("admin");
    assertThat(mismatch.path("expected").asString()).isEqualTo(original.hostKeyFingerprint());
    assertThat(mismatch.path("presented").asString()).isEqualTo(replaced.hostKeyFingerprint());
    JsonNode strict =
        problem(
            post(sessions(device), "{\"alias\": \"third\", \"via\": \"locked\"}"),
            502,
            "host-key-mismatch");
    assertThat(strict.path("detail").asString()).contains(device + "/locked", "strict");

    List<JsonNode> keyEvents = events(client, auditLog, "device=" + device + "&action=host-key.*");
    assertThat(keyEvents.reversed())
        .extracting(e -> e.path("action").asString() + " " + e.path("outcome").asString())
        .containsExactly(
            "host-key.pin SUCCESS", "host-key.mismatch REFUSED", "host-key.mismatch REFUSED");
    assertThat(keyEvents.get(1).path("detail").asString())
        .contains(original.hostKeyFingerprint(), replaced.hostKeyFingerprint());
    assertThat(
            events(client, auditLog, "device=" + device + "&action=session.open&outcome=FAILURE"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.path("detail").asString()).contains("host-key-mismatch"));

    delete(hostKey).expectStatus().isNoContent();
    problem(delete(hostKey), 404, "not-found");
    open(device, "fourth", "cli", 201);
    assertThat(body(get(hostKey), 200).path("fingerprint").asString())
        .isEqualTo(replaced.hostKeyFingerprint());
    assertThat(events(client, auditLog, "device=" + device + "&action=host-key.forget"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("actor").asString()).isEqualTo("admin"));
    String strictKey = "/api/v1/devices/" + device + "/connections/locked/host-key";
    JsonNode invalid =
        problem(put(strictKey, "{\"fingerprint\": \"MD5:00:11\"}"), 400, "validation");
    assertThat(invalid.path("errors").get(0).path("field").asString()).isEqualTo("fingerprint");
    JsonNode pinnedByOperator =
        body(
            put(
                strictKey,
                "{\"fingerprint\": \"%s\", \"keyType\": \"ecdsa-sha2-nistp256\"}"
                    .formatted(replaced.hostKeyFingerprint())),
            200);
    assertThat(pinnedByOperator.path("endpoint").asString())
        .isEqualTo("127.0.0.1:" + original.port());
    open(device, "fifth", "locked", 201);
  }

  @Test
  void unknownDevicesAndConnectionsAreNotFound() {
    problem(get("/api/v1/devices/no-such-device/connections/cli/host-key"), 404, "not-found");
    String device = registerDevice("hk-none");
    problem(delete("/api/v1/devices/" + device + "/connections/nope/host-key"), 404, "not-found");
  }

  private static SimulatedDevice startSshDevice(int port) {
    return sim.lab()
        .start(
            DeviceSpec.of(
                    "key-" + UUID.randomUUID().toString().substring(0, 8), "iosxe", Protocol.SSH)
                .withPort(port));
  }

  private WebTestClient.ResponseSpec put(String uri, String json) {
    return client.put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
  }

  private void open(String device, String alias, String via, int status) {
    body(
        post(sessions(device), "{\"alias\": \"%s\", \"via\": \"%s\"}".formatted(alias, via)),
        status);
  }
}
