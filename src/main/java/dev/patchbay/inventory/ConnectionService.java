package dev.patchbay.inventory;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.web.Versioned;
import dev.patchbay.web.Versions;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The connection definitions of one device. They are part of the device: every change bumps the
 * device's version, which is the ETag these operations check and return.
 */
@Service
@Transactional
public class ConnectionService {

  private final DeviceService deviceService;
  private final DeviceRepository devices;
  private final ConnectionWriter writer;

  ConnectionService(
      DeviceService deviceService, DeviceRepository devices, ConnectionWriter writer) {
    this.deviceService = deviceService;
    this.devices = devices;
    this.writer = writer;
  }

  @Transactional(readOnly = true)
  public Versioned<List<ConnectionResponse>> list(String deviceName) {
    Device device = deviceService.load(deviceName);
    return new Versioned<>(
        device.getConnections().stream().map(ConnectionResponse::of).toList(), device.getVersion());
  }

  @Transactional(readOnly = true)
  public Versioned<ConnectionResponse> get(String deviceName, String name) {
    Device device = deviceService.load(deviceName);
    return new Versioned<>(ConnectionResponse.of(find(device, name)), device.getVersion());
  }

  public Versioned<ConnectionResponse> create(
      String deviceName, ConnectionRequest body, String ifMatch) {
    Device device = deviceService.load(deviceName);
    Versions.check(ifMatch, null, device.getVersion());
    InventoryValidator.connection(body, null);
    if (device.connection(body.name()).isPresent()) {
      throw PatchbayException.conflict(
          "device '" + deviceName + "' already has a connection '" + body.name() + "'");
    }
    ConnectionDefinition definition = new ConnectionDefinition(body.name());
    writer.apply(body, definition, "");
    ProxyHops.check(
        deviceName,
        definition,
        "proxy",
        "sshOptions",
        DeviceLookup.of(devices).with(List.of(device)));
    device.addConnection(definition);
    return saved(device, definition);
  }

  /** Replaces one definition; a different {@code name} in the body renames it. */
  public Versioned<ConnectionResponse> replace(
      String deviceName, String name, ConnectionRequest body, String ifMatch) {
    Device device = deviceService.load(deviceName);
    Versions.check(ifMatch, null, device.getVersion());
    ConnectionDefinition definition = find(device, name);
    ConnectionRequest named = body.name() == null ? withName(body, name) : body;
    InventoryValidator.connection(named, definition);
    if (!named.name().equals(name) && device.connection(named.name()).isPresent()) {
      throw PatchbayException.conflict(
          "device '" + deviceName + "' already has a connection '" + named.name() + "'");
    }
    writer.apply(named, definition, "");
    ProxyHops.check(
        deviceName,
        definition,
        "proxy",
        "sshOptions",
        DeviceLookup.of(devices).with(List.of(device)));
    return saved(device, definition);
  }

  public void delete(String deviceName, String name, String ifMatch) {
    Device device = deviceService.load(deviceName);
    Versions.check(ifMatch, null, device.getVersion());
    device.getConnections().remove(find(device, name));
    device.touch();
    devices.saveAndFlush(device);
  }

  private Versioned<ConnectionResponse> saved(Device device, ConnectionDefinition definition) {
    device.touch();
    Device stored = devices.saveAndFlush(device);
    return new Versioned<>(ConnectionResponse.of(definition), stored.getVersion());
  }

  private static ConnectionDefinition find(Device device, String name) {
    return device
        .connection(name)
        .orElseThrow(() -> PatchbayException.notFound("connection", device.getName() + "/" + name));
  }

  private static ConnectionRequest withName(ConnectionRequest r, String name) {
    return new ConnectionRequest(
        name,
        r.protocol(),
        r.host(),
        r.port(),
        r.serial(),
        r.credentials(),
        r.proxy(),
        r.prompts(),
        r.initExecCommands(),
        r.initConfigCommands(),
        r.timeouts(),
        r.sshOptions(),
        r.ssh(),
        r.poolSize(),
        r.settings());
  }
}
