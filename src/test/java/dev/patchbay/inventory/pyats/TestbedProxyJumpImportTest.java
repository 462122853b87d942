package dev.patchbay.inventory.pyats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.yaml.snakeyaml.Yaml;

/**
 * An ssh {@code ProxyJump} in a testbed file: hosts that are devices of the file (by name or by an
 * ssh connection's address) import quietly and export as written; a host the inventory does not
 * hold is a warning, not a refused file, since pyATS hands the option to OpenSSH.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:testbed-file-test;DB_CLOSE_DELAY=-1",
      "patchbay.data-dir=target/test-data",
      "patchbay.security.master-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      "patchbay.testbed.pyats-key=" + FernetTokens.TEST_KEY
    })
@AutoConfigureWebTestClient(timeout = "60s")
class TestbedProxyJumpImportTest {

  private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  private static final String FILE =
      """
      testbed:
        name: tb-proxyjump
      devices:
        pj-bastion:
          os: linux
          connections:
            cli: {protocol: ssh, ip: 198.51.100.7, port: 2222}
        pj-r1:
          os: iosxe
          connections:
            byname: {protocol: ssh, ip: 10.0.0.1, ssh_options: -o ProxyJump=pj-bastion}
            byaddress:
              protocol: ssh
              ip: 10.0.0.1
              ssh_options: -o ProxyJump=admin@198.51.100.7:2222
            outside:
              protocol: ssh
              ip: 10.0.0.1
              ssh_options: -o StrictHostKeyChecking=no -o ProxyJump=bastion.corp.example
      """;

  @Autowired WebTestClient http;

  @Test
  void proxyJumpHostsResolveToDevicesOrAreReported() {
    String body =
        http.post()
            .uri("/api/v1/testbeds/import?mode=replace")
            .contentType(YAML)
            .bodyValue(FILE)
            .exchange()
            .expectStatus()
            .is2xxSuccessful()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    Map<String, Object> result = new Yaml().load(body);
    assertThat((List<?>) result.get("warnings"))
        .singleElement()
        .asString()
        .contains("devices.pj-r1.connections.outside.ssh_options")
        .contains("'bastion.corp.example', which names no device");

    String exported =
        http.get()
            .uri("/api/v1/testbeds/tb-proxyjump")
            .accept(YAML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(exported)
        .contains("ssh_options: -o ProxyJump=pj-bastion")
        .contains("ssh_options: -o ProxyJump=admin@198.51.100.7:2222");
  }
}
