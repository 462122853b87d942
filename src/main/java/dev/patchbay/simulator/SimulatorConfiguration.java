package dev.patchbay.simulator;

import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the demo lab when {@code patchbay.simulator.enabled=true}: {@code sim-r1} (iosxe, SSH),
 * {@code sim-sw1} (nxos, Telnet) and {@code sim-h1} (linux, SSH), published as the {@link
 * SimulatedLab} bean.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "patchbay.simulator.enabled", havingValue = "true")
public class SimulatorConfiguration {

  @Bean(destroyMethod = "close")
  SimulatedLab simulatedLab(SimulatorProperties properties) {
    SimulatedLab lab =
        properties.hostKeyDirectory() == null || properties.hostKeyDirectory().isBlank()
            ? new SimulatedLab()
            : new SimulatedLab(Path.of(properties.hostKeyDirectory()));
    DeviceCredentials credentials =
        DeviceCredentials.of(properties.username(), properties.password())
            .withEnableSecret(properties.enableSecret());
    try {
      lab.start(
          DeviceSpec.of("sim-r1", "iosxe", Protocol.SSH)
              .withPort(properties.routerPort())
              .withCredentials(credentials));
      lab.start(
          DeviceSpec.of("sim-sw1", "nxos", Protocol.TELNET)
              .withPort(properties.switchPort())
              .withCredentials(credentials));
      lab.start(
          DeviceSpec.of("sim-h1", "linux", Protocol.SSH)
              .withPort(properties.hostPort())
              .withCredentials(credentials));
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }
}
