package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.command.CommandConnection;
import dev.patchbay.connection.serial.SerialConnection;
import dev.patchbay.connection.ssh.KnownHosts;
import dev.patchbay.connection.ssh.SshClientHolder;
import dev.patchbay.connection.ssh.SshCommandHopConnection;
import dev.patchbay.connection.ssh.SshConnection;
import dev.patchbay.connection.telnet.TelnetConnection;
import dev.patchbay.inventory.ConnectionDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the unopened driver for a connection definition: the {@link ConnectionSettingsReader}
 * resolves its settings, this only picks the driver by protocol (a command hop's driver when the
 * last proxy hop runs a command) and gives the drivers the shared SSH client and the known host
 * keys. A {@code command:} definition opens a {@link CommandConnection} only when {@link
 * CommandConnectionProperties} enable it and allow its executable.
 */
@Component
public class ConnectionFactory {

  private final ConnectionSettingsReader reader;
  private final SshClientHolder sshClients;
  private final KnownHosts knownHosts;
  private final CommandConnectionProperties commands;

  @Autowired
  ConnectionFactory(
      ConnectionSettingsReader reader,
      SshClientHolder sshClients,
      KnownHosts knownHosts,
      ObjectProvider<CommandConnectionProperties> commands) {
    this(
        reader,
        sshClients,
        knownHosts,
        commands.getIfAvailable(() -> new CommandConnectionProperties(false, List.of())));
  }

  ConnectionFactory(
      ConnectionSettingsReader reader,
      SshClientHolder sshClients,
      KnownHosts knownHosts,
      CommandConnectionProperties commands) {
    this.reader = reader;
    this.sshClients = sshClients;
    this.knownHosts = knownHosts;
    this.commands = commands;
  }

  /** A new, unopened connection for {@code definition}. */
  @Transactional(readOnly = true)
  public BaseConnection create(ConnectionDefinition definition) {
    if (definition.getCommand() != null) {
      ConnectionSettings settings = reader.readCommand(definition);
      return new CommandConnection(settings, allowedCommand(settings.name(), definition));
    }
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

  /**
   * The words of the definition's {@code command}, if command connections are enabled and its
   * executable is on the allow-list; otherwise a {@code validation} problem saying which setting
   * decides.
   */
  private List<String> allowedCommand(String name, ConnectionDefinition definition) {
    if (!commands.enabled()) {
      throw refused(
          name,
          "runs a local command, and command connections are disabled on this Patchbay"
              + " (patchbay.command-connections.enabled=false)");
    }
    List<String> words;
    try {
      words = CommandLine.split(definition.getCommand());
    } catch (IllegalArgumentException e) {
      throw refused(name, "has a malformed command: " + e.getMessage());
    }
    if (words.isEmpty()) {
      throw refused(name, "has an empty command");
    }
    Optional<Path> executable = CommandLine.resolve(words.getFirst());
    boolean allowed =
        executable.isPresent()
            && commands.allowedExecutables().stream()
                .map(CommandLine::resolve)
                .anyMatch(executable::equals);
    if (!allowed) {
      throw refused(
          name,
          "runs '"
              + words.getFirst()
              + "', which is not in patchbay.command-connections.allowed-executables"
              + (executable.isEmpty() ? " (no such executable)" : ""));
    }
    List<String> argv = new ArrayList<>(words);
    argv.set(0, executable.get().toString());
    return argv;
  }

  private static PatchbayException refused(String name, String problem) {
    return new PatchbayException(
        ProblemType.VALIDATION,
        "connection '" + name + "' " + problem,
        List.of(),
        Map.of("setting", "patchbay.command-connections"));
  }
}
