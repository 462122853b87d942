package dev.patchbay.connection;

import dev.patchbay.cli.OsProfile;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a driver needs to open one connection, resolved from the inventory by the connection
 * manager: where (host/port or serial line), who (credentials), how the CLI looks (OS profile with
 * prompt overrides), init commands, timeouts, terminal size and typed driver {@code options}.
 * {@code proxy} lists the hops to the device, first hop first (empty: reached directly; {@code
 * null} is read as empty). {@code definition} identifies the inventory's connection definition (its
 * SSH host key is pinned to it); null for settings built without the inventory, which pin nothing.
 */
public record ConnectionSettings(
    Definition definition,
    String name,
    String host,
    int port,
    SerialSettings serial,
    LoginCredentials credentials,
    OsProfile profile,
    List<String> initExecCommands,
    List<String> initConfigCommands,
    Timeouts timeouts,
    int columns,
    int rows,
    DriverOptions options,
    List<ProxyHop> proxy) {

  /** The inventory's connection definition {@code connection} of {@code device}, by id. */
  public record Definition(long id, String device, String connection) {}

  /** Connect, login and default execute timeouts. */
  public record Timeouts(Duration connect, Duration login, Duration execute) {

    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60));
  }

  /** Serial line parameters; parity {@code none|even|odd|mark|space}, stop bits {@code 1|1.5|2}. */
  public record SerialSettings(
      String device, int baudRate, int dataBits, String parity, String stopBits, String flow) {}

  public ConnectionSettings {
    initExecCommands = List.copyOf(initExecCommands);
    initConfigCommands = List.copyOf(initConfigCommands);
    proxy = proxy == null ? List.of() : List.copyOf(proxy);
    Objects.requireNonNull(options, "options");
  }

  /** Settings for a network device with the profile's init commands and default timeouts. */
  public static ConnectionSettings network(
      String name, String host, int port, LoginCredentials credentials, OsProfile profile) {
    return new ConnectionSettings(
        null,
        name,
        host,
        port,
        null,
        credentials,
        profile,
        profile.initExecCommands(),
        profile.initConfigCommands(),
        Timeouts.DEFAULT,
        200,
        50,
        DriverOptions.DEFAULT,
        null);
  }

  public ConnectionSettings withTimeouts(Timeouts value) {
    return new ConnectionSettings(
        definition,
        name,
        host,
        port,
        serial,
        credentials,
        profile,
        initExecCommands,
        initConfigCommands,
        value,
        columns,
        rows,
        options,
        proxy);
  }

  /** The same login with another user name (an ssh {@code ProxyJump} hop's {@code user@}). */
  public ConnectionSettings withUsername(String value) {
    return new ConnectionSettings(
        definition,
        name,
        host,
        port,
        serial,
        new LoginCredentials(
            value, credentials.password(), credentials.privateKey(), credentials.enablePassword()),
        profile,
        initExecCommands,
        initConfigCommands,
        timeouts,
        columns,
        rows,
        options,
        proxy);
  }

  public ConnectionSettings withOptions(DriverOptions value) {
    return new ConnectionSettings(
        definition,
        name,
        host,
        port,
        serial,
        credentials,
        profile,
        initExecCommands,
        initConfigCommands,
        timeouts,
        columns,
        rows,
        value,
        proxy);
  }

  public ConnectionSettings withSerial(SerialSettings value) {
    return new ConnectionSettings(
        definition,
        name,
        host,
        port,
        value,
        credentials,
        profile,
        initExecCommands,
        initConfigCommands,
        timeouts,
        columns,
        rows,
        options,
        proxy);
  }

  /** {@code host:port}, used in messages and as the host key store's key. */
  public String endpoint() {
    return host + ":" + port;
  }
}
