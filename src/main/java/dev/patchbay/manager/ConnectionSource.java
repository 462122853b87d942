package dev.patchbay.manager;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads connection definitions from the inventory and builds unopened connections from them. Each
 * call runs in its own read-only transaction, so pools and reconnects always use current data.
 */
@Component
class ConnectionSource {

  private final DeviceRepository devices;
  private final ConnectionFactory factory;
  private final TransactionTemplate readOnly;

  ConnectionSource(
      DeviceRepository devices, ConnectionFactory factory, PlatformTransactionManager tx) {
    this.devices = devices;
    this.factory = factory;
    this.readOnly = new TransactionTemplate(tx);
    this.readOnly.setReadOnly(true);
  }

  /**
   * What opening a session on {@code device} needs from the inventory, read in one transaction: the
   * target, the definition {@code via} (without {@code via}, the device's {@code
   * connectionDefaults.via}, else its only definition), and connections for it, the first one built
   * from the same read.
   */
  Opening opening(String device, String via) {
    return readOnly.execute(
        status -> {
          Device loaded = loadForConnecting(device);
          SessionTarget target = targetOf(loaded, via);
          Supplier<BaseConnection> first;
          try {
            BaseConnection connection = factory.create(definition(loaded, target.via()));
            first = () -> connection;
          } catch (RuntimeException e) {
            // the factory's own read-only transaction marked this one: end it without a commit
            status.setRollbackOnly();
            first =
                () -> {
                  throw e;
                };
          }
          return new Opening(target, first, () -> create(target));
        });
  }

  /**
   * A session target and where its connections come from: the first (a connection that could not be
   * built throws its problem when asked for, where the session opens it), then each a fresh {@link
   * #create}.
   */
  record Opening(
      SessionTarget target, Supplier<BaseConnection> first, Supplier<BaseConnection> next) {

    /** The first connection, then new ones (a pool's members and their replacements). */
    Supplier<BaseConnection> connections() {
      AtomicBoolean taken = new AtomicBoolean();
      return () -> taken.compareAndSet(false, true) ? first.get() : next.get();
    }
  }

  /** The default alias of {@code device} ({@code connectionDefaults.alias}), or {@code default}. */
  String defaultAlias(String device) {
    return readOnly.execute(
        status -> {
          Object alias = load(device).getConnectionDefaults().get("alias");
          return alias == null ? "default" : alias.toString();
        });
  }

  /** Fails with {@code not-found} unless {@code device} exists. */
  void requireDevice(String device) {
    readOnly.executeWithoutResult(status -> load(device));
  }

  /** A new, unopened connection for {@code target}. */
  BaseConnection create(SessionTarget target) {
    return readOnly.execute(
        status -> factory.create(definition(loadForConnecting(target.device()), target.via())));
  }

  private Device load(String name) {
    return devices.findByName(name).orElseThrow(() -> PatchbayException.notFound("device", name));
  }

  private Device loadForConnecting(String name) {
    return devices
        .findForConnectingByName(name)
        .orElseThrow(() -> PatchbayException.notFound("device", name));
  }

  private static SessionTarget targetOf(Device device, String via) {
    String name = via != null ? via : defaultVia(device);
    ConnectionDefinition definition = definition(device, name);
    if (definition.getCommand() != null) {
      DriverOptions options = DriverOptionsReader.read(definition);
      return new SessionTarget(
          device.getName(),
          name,
          "command",
          options.exclusive(),
          options.reconnect(),
          definition.getPoolSize() == null ? 0 : definition.getPoolSize(),
          device.getOs(),
          device.getPlatform(),
          testbedOf(device));
    }
    Protocol protocol =
        definition
            .supportedProtocol()
            .orElseThrow(
                () ->
                    invalid(
                        "connection '"
                            + name
                            + "' of device '"
                            + device.getName()
                            + "' has no driver (protocol '"
                            + definition.getProtocol()
                            + "')"));
    DriverOptions options = DriverOptionsReader.read(definition);
    boolean console =
        protocol == Protocol.SERIAL || options.exclusive() || name.equals("a") || name.equals("b");
    return new SessionTarget(
        device.getName(),
        name,
        protocol.name().toLowerCase(Locale.ROOT),
        console,
        options.reconnect(),
        definition.getPoolSize() == null ? 0 : definition.getPoolSize(),
        device.getOs(),
        device.getPlatform(),
        testbedOf(device));
  }

  private static String testbedOf(Device device) {
    return device.getTestbed() == null ? null : device.getTestbed().getName();
  }

  private static String defaultVia(Device device) {
    Object via = device.getConnectionDefaults().get("via");
    if (via != null) {
      return via.toString();
    }
    List<ConnectionDefinition> all = device.getConnections();
    if (all.size() == 1) {
      return all.getFirst().getName();
    }
    throw invalid(
        "device '"
            + device.getName()
            + "' has "
            + all.size()
            + " connection definitions and no connectionDefaults.via: name one in 'via'");
  }

  private static ConnectionDefinition definition(Device device, String via) {
    return device
        .connection(via)
        .orElseThrow(
            () ->
                invalid(
                    "device '"
                        + device.getName()
                        + "' has no connection definition '"
                        + via
                        + "'"));
  }

  private static PatchbayException invalid(String detail) {
    return PatchbayException.invalid(detail, List.of(new FieldProblem("via", detail)));
  }
}
