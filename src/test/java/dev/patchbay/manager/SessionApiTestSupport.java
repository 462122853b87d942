package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatorExtension;
import dev.patchbay.testsupport.DeviceSessionContextTest;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real service on a random port (in-memory H2) with simulated devices on ephemeral 127.0.0.1
 * ports: {@code r1} (iosxe over SSH) and {@code r2} (iosxe over Telnet). Each test registers its
 * own device through the inventory API, so tests do not share sessions.
 */
@DeviceSessionContextTest
abstract class SessionApiTestSupport {

  static final String PROBLEMS = "https://patchbay.dev/problems/";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final SimulatorExtension sim =
      SimulatorExtension.with(
          DeviceSpec.of("r1", "iosxe", Protocol.SSH),
          DeviceSpec.of("r2", "iosxe", Protocol.TELNET));

  @Autowired WebTestClient client;

  /**
   * Registers a device named uniquely after {@code prefix}, whose definitions reach the simulator:
   * {@code cli} (ssh, the default), {@code vty} (telnet), {@code a} (telnet console line) and
   * {@code flaky} (ssh with {@code reconnect: true}).
   */
  String registerDevice(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    SimulatedDevice ssh = sim.device("r1");
    SimulatedDevice telnet = sim.device("r2");
    String timeouts =
        "\"timeouts\": {\"connectSeconds\": 5, \"loginSeconds\": 10," + " \"executeSeconds\": 10}";
    String json =
        """
        {"name": "%s", "os": "iosxe", "connectionDefaults": {"via": "cli"},
         "credentials": {"default": {"username": "admin", "password": "admin"},
                         "enable": {"password": "cisco"}},
         "connections": [
           {"name": "cli", "protocol": "ssh", "host": "127.0.0.1", "port": %d, %s,
            "settings": {"host_key_policy": "insecure"}},
           {"name": "vty", "protocol": "telnet", "host": "127.0.0.1", "port": %d, %s},
           {"name": "a", "protocol": "telnet", "host": "127.0.0.1", "port": %d, %s},
           {"name": "flaky", "protocol": "ssh", "host": "127.0.0.1", "port": %d, %s,
            "settings": {"host_key_policy": "insecure", "reconnect": true}}
         ]}
        """
            .formatted(
                name,
                ssh.port(),
                timeouts,
                telnet.port(),
                timeouts,
                telnet.port(),
                timeouts,
                ssh.port(),
                timeouts);
    body(post("/api/v1/devices", json), 201);
    return name;
  }

  static String sessions(String device) {
    return "/api/v1/devices/" + device + "/sessions";
  }

  WebTestClient.ResponseSpec post(String uri, String json) {
    return client
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }

  WebTestClient.ResponseSpec get(String uri) {
    return client.get().uri(uri).exchange();
  }

  WebTestClient.ResponseSpec delete(String uri) {
    return client.delete().uri(uri).exchange();
  }

  JsonNode body(WebTestClient.ResponseSpec response, int status) {
    String text =
        response
            .expectStatus()
            .isEqualTo(status)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return text == null ? null : JSON.readTree(text);
  }

  JsonNode problem(WebTestClient.ResponseSpec response, int status, String type) {
    response.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = body(response, status);
    assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + type);
    return problem;
  }

  JsonNode execute(String device, String alias, String command) {
    return body(
        post(
            sessions(device) + "/" + alias + "/execute",
            "{\"command\": " + JSON.writeValueAsString(command) + "}"),
        200);
  }
}
