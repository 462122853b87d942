package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.cli.UserPatterns;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.connection.ProxyHop;
import dev.patchbay.connection.SshOptions;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceLookup;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.EnvironmentReferences;
import dev.patchbay.inventory.Protocol;
import dev.patchbay.inventory.ProxyHops;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.SerialLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns an inventory connection definition into one complete {@link ConnectionSettings}, so that
 * drivers read no entity: credentials (connection → device → testbed), the OS profile with the
 * definition's prompt overrides, init commands ({@code null} means the profile's defaults, {@code
 * []} none), timeouts, serial line, typed driver options and the proxy hops (see {@link
 * ProxyHops}). For SSH, the definition's own port, credential username and connect timeout win over
 * {@code ssh_options} {@code Port}, {@code User} and {@code ConnectTimeout}, which fill in when
 * those are absent (as with Unicon, whose {@code -p} and {@code -l} come before the options).
 * Refuses, with a {@code validation} problem, what no driver can open. Runs inside the caller's
 * transaction: it walks the definition's lazy associations.
 */
@Component
class ConnectionSettingsReader {

  private static final int TERMINAL_COLUMNS = 200;
  private static final int TERMINAL_ROWS = 50;

  private final CredentialResolver credentials;
  private final DeviceRepository devices;

  ConnectionSettingsReader(SecretSealer sealer, DeviceRepository devices) {
    this.credentials = new CredentialResolver(sealer);
    this.devices = devices;
  }

  /** The settings to open {@code definition} with. */
  ConnectionSettings read(ConnectionDefinition definition) {
    Set<String> visiting = new LinkedHashSet<>();
    visiting.add(definition.getDevice().getName());
    return settingsFor(definition, visiting);
  }

  /**
   * The settings of a {@code command:} definition: no host, port or proxy; the program's terminal
   * is the device.
   */
  ConnectionSettings readCommand(ConnectionDefinition definition) {
    Device device = definition.getDevice();
    String name = device.getName() + "/" + definition.getName();
    if (definition.getProxy() != null) {
      throw invalid(name, "runs a local command and cannot be reached through a proxy");
    }
    OsProfile profile = profileOf(definition, name);
    return new ConnectionSettings(
        definition.getId() == null
            ? null
            : new ConnectionSettings.Definition(
                definition.getId(), device.getName(), definition.getName()),
        name,
        null,
        0,
        null,
        credentials.resolve(definition, false),
        profile,
        Objects.requireNonNullElse(definition.getInitExecCommands(), profile.initExecCommands()),
        Objects.requireNonNullElse(
            definition.getInitConfigCommands(), profile.initConfigCommands()),
        timeoutsOf(definition, SshOptions.NONE),
        TERMINAL_COLUMNS,
        TERMINAL_ROWS,
        driverOptions(definition),
        List.of());
  }

  /** The protocol of {@code definition}'s driver, or a {@code validation} problem if none. */
  static Protocol protocolOf(ConnectionDefinition definition) {
    return definition
        .supportedProtocol()
        .orElseThrow(
            () ->
                invalid(
                    definition.getDevice().getName() + "/" + definition.getName(),
                    definition.getCommand() != null
                        ? "spawns a local command, which Patchbay does not run"
                        : "uses protocol '" + definition.getProtocol() + "', which has no driver"));
  }

  private ConnectionSettings settingsFor(ConnectionDefinition definition, Set<String> visiting) {
    Protocol protocol = protocolOf(definition);
    Device device = definition.getDevice();
    String name = device.getName() + "/" + definition.getName();
    OsProfile profile = profileOf(definition, name);
    DriverOptions options = driverOptions(definition);
    SshOptions ssh = protocol == Protocol.SSH ? options.ssh() : SshOptions.NONE;
    ConnectionSettings.SerialSettings serial = null;
    int port = 0;
    if (protocol == Protocol.SERIAL) {
      serial = serialOf(name, definition.getSerial());
    } else {
      if (definition.getHost() == null || definition.getHost().isBlank()) {
        throw invalid(name, "has no host");
      }
      port =
          definition.getPort() != null
              ? definition.getPort()
              : protocol != Protocol.SSH ? 23 : Objects.requireNonNullElse(ssh.port(), 22);
    }
    LoginCredentials login = credentials.resolve(definition, protocol == Protocol.SSH);
    if (protocol == Protocol.SSH && login.username() == null && ssh.user() != null) {
      login =
          new LoginCredentials(
              ssh.user(), login.password(), login.privateKey(), login.enablePassword());
    }
    return new ConnectionSettings(
        definition.getId() == null
            ? null // not stored (yet): nothing to pin its host key to
            : new ConnectionSettings.Definition(
                definition.getId(), device.getName(), definition.getName()),
        name,
        EnvironmentReferences.resolve(definition.getHost(), "the host of " + name),
        port,
        serial,
        login,
        profile,
        Objects.requireNonNullElse(definition.getInitExecCommands(), profile.initExecCommands()),
        Objects.requireNonNullElse(
            definition.getInitConfigCommands(), profile.initConfigCommands()),
        timeoutsOf(definition, ssh),
        TERMINAL_COLUMNS,
        TERMINAL_ROWS,
        options,
        proxyOf(name, definition, protocol, visiting));
  }

  /**
   * The definition's typed settings; privileged on connect only when the device has an enable
   * credential (as Unicon), since the enable password otherwise falls back to the login one.
   */
  private DriverOptions driverOptions(ConnectionDefinition definition) {
    DriverOptions options = DriverOptionsReader.read(definition);
    return credentials.hasEnableCredential(definition)
        ? options
        : options.withEnableOnConnect(false);
  }

  /**
   * The hops to {@code definition}, first hop first: each hop's own proxy hops come before it (a
   * chain), a command hop only last. Every hop is an ssh connection of its device.
   */
  private List<ProxyHop> proxyOf(
      String name, ConnectionDefinition definition, Protocol protocol, Set<String> visiting) {
    List<ProxyHops.Hop> hops;
    try {
      hops = ProxyHops.of(definition, DeviceLookup.of(devices));
    } catch (IllegalArgumentException e) {
      throw invalid(
          name,
          e.getMessage().startsWith("has ")
              ? e.getMessage()
              : "has a malformed proxy: " + e.getMessage());
    }
    if (hops.isEmpty()) {
      return List.of();
    }
    if (protocol == Protocol.SERIAL) {
      throw invalid(name, "is serial; a serial line cannot be reached through a proxy");
    }
    List<ProxyHop> result = new ArrayList<>();
    for (ProxyHops.Hop hop : hops) {
      if (visiting.contains(hop.device())) {
        throw invalid(
            name,
            "has proxy hop '"
                + hop.device()
                + "' which closes a cycle: "
                + String.join(" → ", visiting)
                + " → "
                + hop.device());
      }
      Device device =
          devices
              .findByName(hop.device())
              .orElseThrow(
                  () ->
                      invalid(
                          name, "names proxy device '" + hop.device() + "' that does not exist"));
      ConnectionDefinition hopConnection =
          ProxyHops.hopConnection(device, hop)
              .orElseThrow(
                  () ->
                      invalid(
                          name,
                          "uses proxy '"
                              + hop.device()
                              + "' which has "
                              + (hop.via() == null
                                  ? "no ssh connection"
                                  : "no connection '" + hop.via() + "'")));
      if (hopConnection.supportedProtocol().filter(p -> p == Protocol.SSH).isEmpty()) {
        throw invalid(
            name,
            "uses proxy '"
                + hop.device()
                + "' through connection '"
                + hopConnection.getName()
                + "', which is not ssh (proxy hops are reached over ssh)");
      }
      Set<String> deeper = new LinkedHashSet<>(visiting);
      deeper.add(hop.device());
      ConnectionSettings hopSettings = settingsFor(hopConnection, deeper);
      if (hop.user() != null) {
        hopSettings = hopSettings.withUsername(hop.user());
      }
      result.addAll(hopSettings.proxy());
      result.add(new ProxyHop(hopSettings, hop.command()));
    }
    for (int i = 0; i < result.size() - 1; i++) {
      if (result.get(i).runsCommand()) {
        throw invalid(
            name,
            "has command hop '"
                + result.get(i).settings().name()
                + "' before another hop; a command hop must be the last one");
      }
    }
    return List.copyOf(result);
  }

  private static ConnectionSettings.SerialSettings serialOf(String name, SerialLine line) {
    if (line.getDevice() == null || line.getDevice().isBlank()) {
      throw invalid(name, "is serial but names no serial device");
    }
    return new ConnectionSettings.SerialSettings(
        line.getDevice(),
        Objects.requireNonNullElse(line.getBaudRate(), 9600),
        Objects.requireNonNullElse(line.getDataBits(), 8),
        Objects.requireNonNullElse(line.getParity(), "none"),
        Objects.requireNonNullElse(line.getStopBits(), "1"),
        Objects.requireNonNullElse(line.getFlowControl(), "none"));
  }

  private static ConnectionSettings.Timeouts timeoutsOf(
      ConnectionDefinition definition, SshOptions ssh) {
    ConnectionSettings.Timeouts defaults = ConnectionSettings.Timeouts.DEFAULT;
    return new ConnectionSettings.Timeouts(
        seconds(
            definition.getConnectTimeoutSeconds(),
            Objects.requireNonNullElse(ssh.connectTimeout(), defaults.connect())),
        seconds(definition.getLoginTimeoutSeconds(), defaults.login()),
        seconds(definition.getExecuteTimeoutSeconds(), defaults.execute()));
  }

  private static Duration seconds(Integer value, Duration fallback) {
    return value == null || value <= 0 ? fallback : Duration.ofSeconds(value);
  }

  /**
   * The device's OS profile with the definition's prompt overrides, which must compile: one stored
   * before they were checked at write time is a {@code validation} problem naming it, not a 500.
   */
  private static OsProfile profileOf(ConnectionDefinition definition, String name) {
    Map<String, Object> prompts = definition.getPrompts();
    if (prompts != null) {
      for (Map.Entry<String, Object> prompt : prompts.entrySet()) {
        if (prompt.getValue() != null) {
          Optional<String> problem = UserPatterns.problem(prompt.getValue().toString());
          if (problem.isPresent()) {
            throw invalid(name, "has prompts." + prompt.getKey() + " that " + problem.get());
          }
        }
      }
    }
    return OsProfile.forOs(definition.getDevice().getOs()).withOverrides(prompts);
  }

  private static PatchbayException invalid(String name, String problem) {
    return new PatchbayException(
        ProblemType.VALIDATION, "connection '" + name + "' " + problem, List.of(), Map.of());
  }
}
