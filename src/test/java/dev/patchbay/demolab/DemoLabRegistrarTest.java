package dev.patchbay.demolab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatedLab;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default: the simulated lab is registered in the inventory and really connects.
 * ReadmeCommandsTest has the same configuration, so the two share one context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:patchbay-demolab;DB_CLOSE_DELAY=-1",
      "patchbay.data-dir=target/test-data/demolab",
      "patchbay.simulator.enabled=true",
      "patchbay.simulator.router-port=0",
      "patchbay.simulator.switch-port=0",
      "patchbay.simulator.host-port=0"
    })
@AutoConfigureWebTestClient
class DemoLabRegistrarTest {

  @Autowired SimulatedLab lab;
  @Autowired DemoLabRegistrar registrar;
  @Autowired DeviceRepository devices;
  @Autowired SecretSealer sealer;
  @Autowired TransactionTemplate transaction;
  @Autowired WebTestClient client;

  @Test
  void registersEveryRunningDeviceOnceWithItsPortAndCredentials() {
    registrar.register();
    registrar.register();

    client
        .get()
        .uri("/api/v1/devices?testbed=sim-lab")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.totalItems")
        .isEqualTo(3)
        .jsonPath("$.items[*].name")
        .value(names -> assertThat(names.toString()).contains("sim-r1", "sim-sw1", "sim-h1"))
        .jsonPath("$.items[0].credentials.default.password")
        .isEqualTo(SecretSealer.MASK);

    for (SimulatedDevice simulated : lab.devices()) {
      transaction.executeWithoutResult(
          status -> {
            Device device = devices.findByName(simulated.name()).orElseThrow();
            ConnectionDefinition cli = device.connection("cli").orElseThrow();
            assertThat(cli.getPort()).isEqualTo(simulated.port());
            assertThat(cli.getProtocol()).isEqualTo(simulated.protocol().name().toLowerCase());
            assertThat(sealer.reveal(device.getCredentials().getFirst().getPassword()))
                .isEqualTo(simulated.password());
          });
    }
  }

  @Test
  void registeredSshDeviceAnswersWithTheStoredCredentials() throws Exception {
    Device router =
        transaction.execute(
            status -> {
              Device d = devices.findByName("sim-r1").orElseThrow();
              d.getConnections().size();
              d.getCredentials().size();
              return d;
            });
    ConnectionDefinition cli = router.connection("cli").orElseThrow();
    String password = sealer.reveal(router.getCredentials().getFirst().getPassword());

    try (SshClient ssh = SshClient.setUpDefaultClient()) {
      ssh.start();
      try (ClientSession session =
          ssh.connect(
                  router.getCredentials().getFirst().getUsername(), cli.getHost(), cli.getPort())
              .verify(Duration.ofSeconds(10))
              .getSession()) {
        session.addPasswordIdentity(password);
        session.auth().verify(Duration.ofSeconds(10));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var channel = session.createExecChannel("show version")) {
          channel.setOut(out);
          channel.open().verify(Duration.ofSeconds(10));
          channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Cisco IOS XE");
      }
    }
  }
}
