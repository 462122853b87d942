package dev.patchbay.manager;

import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.serial.SerialConnection;
import dev.patchbay.connection.ssh.KnownHosts;
import dev.patchbay.connection.ssh.SshClientHolder;
import dev.patchbay.connection.ssh.SshCommandHopConnection;
import dev.patchbay.connection.ssh.SshConnection;
import dev.patchbay.connection.telnet.TelnetConnection;
import dev.patchbay.inventory.ConnectionDefinition;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the unopened driver for a connection definition: the {@link ConnectionSettingsReader}
 * resolves its settings, this only picks the driver by protocol (a command hop's driver when the
 * last proxy hop runs a command) and gives the drivers the shared SSH client and the known host
 * keys.
 */
@Component
public class ConnectionFactory {

  private final ConnectionSettingsReader reader;
  private final SshClientHolder sshClients;
  private final KnownHosts knownHosts;

  ConnectionFactory(
      ConnectionSettingsReader reader, SshClientHolder sshClients, KnownHosts knownHosts) {
    this.reader = reader;
    this.sshClients = sshClients;
    this.knownHosts = knownHosts;
  }

  /** A new, unopened connection for {@code definition}. */
  @Transactional(readOnly = true)
  public BaseConnection create(ConnectionDefinition definition) {
    ConnectionSettings settings = reader.read(definition);
    if (!settings.proxy().isEmpty() && settings.proxy().getLast().runsCommand()) {
      return new SshCommandHopConnection(settings, sshClients, knownHosts);
    }
    return switch (ConnectionSettingsReader.protocolOf(definition)) {
      case SSH -> new SshConnection(settings, sshClients, knownHosts);
      case TELNET -> new TelnetConnection(settings, sshClients, knownHosts);
      case SERIAL -> new SerialConnection(settings);
    };
  }
}
