package dev.patchbay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The demo lab starts only when enabled, publishes its devices and stops with the context. */
class SimulatorConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(PropertiesOnly.class, SimulatorConfiguration.class);

  @Test
  void disabledByDefault() {
    context.run(started -> assertThat(started).doesNotHaveBean(SimulatedLab.class));
    context
        .withPropertyValues("patchbay.simulator.enabled=false")
        .run(started -> assertThat(started).doesNotHaveBean(SimulatedLab.class));
  }

  @Test
  void enabledLabPublishesThreeDevicesAndStopsWithTheContext() {
    List<SimulatedDevice> seen = new ArrayList<>();
    context
        .withPropertyValues(
            "patchbay.simulator.enabled=true",
            "patchbay.simulator.password=s3cret",
            "patchbay.simulator.enable-secret=priv")
        .run(
            started -> {
              assertThat(started).hasSingleBean(SimulatedLab.class);
              seen.addAll(started.getBean(SimulatedLab.class).devices());
              assertThat(seen)
                  .extracting(
                      SimulatedDevice::name, SimulatedDevice::profile, SimulatedDevice::protocol)
                  .containsExactly(
                      tuple("sim-r1", "iosxe", Protocol.SSH),
                      tuple("sim-sw1", "nxos", Protocol.TELNET),
                      tuple("sim-h1", "linux", Protocol.SSH));
              assertThat(seen)
                  .allSatisfy(
                      device -> {
                        assertThat(device.host()).isEqualTo("127.0.0.1");
                        assertThat(device.username()).isEqualTo("admin");
                        assertThat(device.password()).isEqualTo("s3cret");
                        assertThat(device.enablePassword()).isEqualTo("priv");
                        assertThat(accepts(device.port())).isTrue();
                      });
            });
    assertThat(seen).hasSize(3).allSatisfy(device -> assertThat(accepts(device.port())).isFalse());
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SimulatorProperties.class)
  static class PropertiesOnly {}
}
