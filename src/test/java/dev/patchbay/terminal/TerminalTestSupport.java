package dev.patchbay.terminal;

import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatorExtension;
import dev.patchbay.testsupport.DeviceSessionContextTest;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real service on a random port with a simulated iosxe router ({@code r1}, SSH) on an ephemeral
 * 127.0.0.1 port. Each test registers its own device, so tests share no session.
 */
@DeviceSessionContextTest
abstract class TerminalTestSupport {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final SimulatorExtension sim =
      SimulatorExtension.with(DeviceSpec.of("r1", "iosxe", Protocol.SSH));

  @Autowired WebTestClient client;
  @LocalServerPort int port;

  /**
   * Registers a device named after {@code prefix} whose {@code cli} definition reaches r1, and
   * {@code flaky} the same with {@code reconnect: true}.
   */
  String registerDevice(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String json =
        """
        {"name": "%s", "os": "iosxe", "connectionDefaults": {"via": "cli"},
         "credentials": {"default": {"username": "admin", "password": "admin"},
                         "enable": {"password": "cisco"}},
         "connections": [
           {"name": "cli", "protocol": "ssh", "host": "127.0.0.1", "port": %d,
            "timeouts": {"connectSeconds": 5, "loginSeconds": 10, "executeSeconds": 20},
            "settings": {"host_key_policy": "insecure"}},
           {"name": "flaky", "protocol": "ssh", "host": "127.0.0.1", "port": %d,
            "timeouts": {"connectSeconds": 5, "loginSeconds": 10, "executeSeconds": 20},
            "settings": {"host_key_policy": "insecure", "reconnect": true}}
         ]}
        """
            .formatted(name, sim.device("r1").port(), sim.device("r1").port());
    post("/api/v1/devices", json).expectStatus().isCreated();
    return name;
  }

  void openSession(String device, String alias) {
    post("/api/v1/devices/" + device + "/sessions", "{\"alias\": \"" + alias + "\"}")
        .expectStatus()
        .isCreated();
  }

  JsonNode execute(String device, String alias, String command) {
    return JSON.readTree(
        post(
                "/api/v1/devices/" + device + "/sessions/" + alias + "/execute",
                "{\"command\": " + JSON.writeValueAsString(command) + "}")
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  /** Tokens made by {@link #tokenFor}, per test context (port) and name. */
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  /** An API token named {@code name} with {@code role}, created once per test context. */
  String tokenFor(String name, String role) {
    return TOKENS.computeIfAbsent(
        port + ":" + name,
        key ->
            JSON.readTree(
                    post(
                            "/api/v1/tokens",
                            "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}")
                        .expectStatus()
                        .isCreated()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .path("token")
                .asString());
  }

  /** A viewer attached as the OPERATOR token named {@code name}. */
  TestViewer connectAs(String name, URI uri) {
    return TestViewer.connect(uri, TestViewer.headers(tokenFor(name, "OPERATOR")));
  }

  URI terminal(String device, String alias, String query) {
    return URI.create(
        "ws://127.0.0.1:"
            + port
            + "/ws/v1/devices/"
            + device
            + "/sessions/"
            + alias
            + "/terminal"
            + (query.isEmpty() ? "" : "?" + query));
  }

  WebTestClient.ResponseSpec post(String uri, String json) {
    return client
        .mutate()
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 << 20))
        .build()
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }
}
