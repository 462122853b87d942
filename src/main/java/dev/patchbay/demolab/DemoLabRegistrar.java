package dev.patchbay.demolab;

import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.TestbedRepository;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatedLab;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers the running simulated lab in the inventory as testbed {@value #TESTBED}, so that a
 * fresh start shows devices that really connect. Idempotent: a restart updates ports and
 * credentials of the same devices instead of adding new ones.
 */
@Component
@ConditionalOnProperty(name = "patchbay.simulator.enabled", havingValue = "true")
public class DemoLabRegistrar {

  static final String TESTBED = "sim-lab";
  private static final String CONNECTION = "cli";
  private static final Logger log = LoggerFactory.getLogger(DemoLabRegistrar.class);

  private final SimulatedLab lab;
  private final TestbedRepository testbeds;
  private final DeviceRepository devices;
  private final SecretSealer sealer;
  private final TransactionTemplate transaction;

  public DemoLabRegistrar(
      SimulatedLab lab,
      TestbedRepository testbeds,
      DeviceRepository devices,
      SecretSealer sealer,
      TransactionTemplate transaction) {
    this.lab = lab;
    this.testbeds = testbeds;
    this.devices = devices;
    this.sealer = sealer;
    this.transaction = transaction;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void register() {
    List<SimulatedDevice> running = lab.devices();
    transaction.executeWithoutResult(status -> running.forEach(this::upsert));
    running.forEach(
        d ->
            log.info(
                "Simulated device {} ({}, {}) on {}:{}",
                d.name(),
                d.profile(),
                d.protocol(),
                d.host(),
                d.port()));
  }

  private void upsert(SimulatedDevice simulated) {
    Testbed testbed = testbeds.findByName(TESTBED).orElseGet(() -> testbeds.save(newTestbed()));
    Device device =
        devices.findByName(simulated.name()).orElseGet(() -> new Device(simulated.name()));
    if (device.getTestbed() == null) {
      device.setTestbed(testbed);
    }
    device.setOs(simulated.profile());
    device.setType(typeOf(simulated.profile()));
    device.setConnectionDefaults(Map.of("via", CONNECTION));
    ConnectionDefinition cli =
        device
            .connection(CONNECTION)
            .orElseGet(
                () -> {
                  ConnectionDefinition created = new ConnectionDefinition(CONNECTION);
                  device.addConnection(created);
                  return created;
                });
    cli.setProtocol(simulated.protocol().name().toLowerCase(java.util.Locale.ROOT));
    cli.setHost(simulated.host());
    cli.setPort(simulated.port());
    device.getCredentials().clear();
    device.getCredentials().add(credential("default", simulated.username(), simulated.password()));
    if (simulated.enablePassword() != null) {
      device.getCredentials().add(credential("enable", null, simulated.enablePassword()));
    }
    device.touch();
    devices.save(device);
  }

  private Testbed newTestbed() {
    Testbed testbed = new Testbed(TESTBED);
    testbed.setDescription("Built-in simulated lab (patchbay.simulator.enabled=true)");
    return testbed;
  }

  private Credential credential(String name, String username, String password) {
    Credential credential = new Credential(name);
    credential.setUsername(username);
    credential.setPassword(sealer.seal(password));
    return credential;
  }

  private static String typeOf(String profile) {
    return switch (profile) {
      case "nxos" -> "switch";
      case "linux" -> "linux";
      default -> "router";
    };
  }
}
