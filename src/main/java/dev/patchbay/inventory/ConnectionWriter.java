package dev.patchbay.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Copies connection requests onto connection definitions. Definitions are matched by name so that
 * fields the API does not expose (pyATS {@code command}, {@code arguments}, {@code extra}) survive.
 */
@Component
class ConnectionWriter {

  private final CredentialWriter credentials;

  ConnectionWriter(CredentialWriter credentials) {
    this.credentials = credentials;
  }

  /** Makes the device hold exactly the requested definitions, in request order. */
  void replaceAll(Device device, List<ConnectionRequest> requests) {
    List<ConnectionDefinition> result = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      ConnectionRequest request = requests.get(i);
      ConnectionDefinition definition =
          device
              .connection(request.name())
              .orElseGet(() -> new ConnectionDefinition(request.name()));
      apply(request, definition, "connections[" + i + "]");
      result.add(definition);
    }
    device.getConnections().clear();
    result.forEach(device::addConnection);
  }

  /** Overwrites every API field of {@code definition} with the request's. */
  void apply(ConnectionRequest r, ConnectionDefinition definition, String path) {
    definition.setName(r.name());
    definition.setProtocol(Protocol.parse(r.protocol()).map(Protocol::id).orElse(r.protocol()));
    definition.setHost(r.host());
    definition.setPort(r.port());
    SerialSettings s =
        r.serial() == null ? new SerialSettings(null, null, null, null, null, null) : r.serial();
    SerialLine line = definition.getSerial();
    line.setDevice(s.device());
    line.setBaudRate(s.baudRate());
    line.setDataBits(s.dataBits());
    line.setParity(s.parity());
    line.setStopBits(s.stopBits());
    line.setFlowControl(s.flowControl());
    credentials.replace(
        definition.getCredentials(),
        r.credentials() == null ? Map.of() : r.credentials(),
        path.isEmpty() ? "credentials" : path + ".credentials");
    definition.setProxy(r.proxy());
    definition.setPrompts(r.prompts());
    definition.setInitExecCommands(r.initExecCommands());
    definition.setInitConfigCommands(r.initConfigCommands());
    Timeouts t = r.timeouts() == null ? new Timeouts(null, null, null) : r.timeouts();
    definition.setConnectTimeoutSeconds(t.connectSeconds());
    definition.setLoginTimeoutSeconds(t.loginSeconds());
    definition.setExecuteTimeoutSeconds(t.executeSeconds());
    definition.setSshOptions(
        r.ssh() == null || r.ssh().sameAs(r.sshOptions())
            ? r.sshOptions()
            : r.ssh().toOptionsText());
    definition.setPoolSize(r.poolSize());
    definition.setSettings(r.settings());
  }
}
