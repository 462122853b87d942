package dev.patchbay.inventory;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.cli.UserPatterns;
import dev.patchbay.connection.SshOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks request bodies before anything is changed and reports every problem at once, each with the
 * path of its field (e.g. {@code connections[0].port}).
 */
final class InventoryValidator {

  private static final Set<String> PARITIES = Set.of("none", "even", "odd", "mark", "space");
  private static final Set<String> STOP_BITS = Set.of("1", "1.5", "2");
  private static final Set<String> FLOW_CONTROLS = Set.of("none", "rtscts", "xonxoff");
  private static final int MAX_TIMEOUT = 86_400;
  private static final int MAX_SECRET_BYTES = 6000;
  private static final int MAX_PROMPT = 500;

  private final List<FieldProblem> problems = new ArrayList<>();

  /**
   * Validates a device to create ({@code current} null) or to replace. Names and protocols that an
   * import stored are accepted unchanged even where REST could not create them.
   */
  static void device(DeviceRequest body, Device current) {
    InventoryValidator v = new InventoryValidator();
    v.name("name", body.name(), current == null ? null : current.getName(), Names.MAX_NAME);
    v.maxLength("os", body.os(), 100);
    v.maxLength("platform", body.platform(), 100);
    v.maxLength("type", body.type(), 100);
    v.maxLength("role", body.role(), 100);
    if (body.aliases() != null && body.aliases().contains(null)) {
      v.add("aliases", "must not contain null");
    }
    v.credentials("credentials", body.credentials());
    if (body.connections() != null) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < body.connections().size(); i++) {
        String path = "connections[" + i + "]";
        ConnectionRequest c = body.connections().get(i);
        if (c == null) {
          v.add(path, "must not be null");
          continue;
        }
        ConnectionDefinition stored =
            current == null || c.name() == null ? null : current.connection(c.name()).orElse(null);
        v.connection(path + ".", c, stored);
        if (c.name() != null && !seen.add(c.name())) {
          v.add(path + ".name", "duplicate connection name '" + c.name() + "'");
        }
      }
    }
    String via = body.connectionDefaults() == null ? null : body.connectionDefaults().via();
    Object storedVia = current == null ? null : current.getConnectionDefaults().get("via");
    if (via != null
        && !via.equals(storedVia)
        && body.connections() != null
        && body.connections().stream().noneMatch(c -> c != null && via.equals(c.name()))) {
      v.add("connectionDefaults.via", "names no connection of this device: '" + via + "'");
    }
    v.throwIfAny("the device is invalid");
  }

  /** Validates one definition sent on its own, new or replacing {@code current}. */
  static void connection(ConnectionRequest body, ConnectionDefinition current) {
    InventoryValidator v = new InventoryValidator();
    v.connection("", body, current);
    v.throwIfAny("the connection definition is invalid");
  }

  static void testbed(TestbedRequest body, String currentName) {
    InventoryValidator v = new InventoryValidator();
    v.name("name", body.name(), currentName, Names.MAX_NAME);
    v.maxLength("description", body.description(), 2000);
    v.maxLength("alias", body.alias(), 200);
    v.credentials("credentials", body.credentials());
    v.throwIfAny("the testbed is invalid");
  }

  /** Validates a credential addressed by URL and the secrets supplied for it. */
  static void credential(String name, CredentialRequest body) {
    InventoryValidator v = new InventoryValidator();
    v.name("credential", name, null, Names.MAX_CHILD_NAME);
    v.credentialFields("", body);
    v.throwIfAny("the credential is invalid");
  }

  private void connection(String p, ConnectionRequest c, ConnectionDefinition stored) {
    name(p + "name", c.name(), stored == null ? null : stored.getName(), Names.MAX_CHILD_NAME);
    String storedProtocol = stored == null ? null : stored.getProtocol();
    Optional<Protocol> protocol = Protocol.parse(c.protocol());
    boolean serialSettings = c.serial() != null && !c.serial().isEmpty();
    if (c.protocol() == null || c.protocol().isBlank()) {
      add(p + "protocol", "is required (ssh, telnet or serial)");
    } else if (protocol.isEmpty() && !c.protocol().equals(storedProtocol)) {
      add(
          p + "protocol",
          "unknown protocol '" + c.protocol() + "'; expected ssh, telnet or serial");
    }
    if (protocol.isPresent() && protocol.get() != Protocol.SERIAL) {
      if (c.host() == null || c.host().isBlank()) {
        add(p + "host", "is required for " + protocol.get().id());
      }
      if (serialSettings) {
        add(p + "serial", "serial settings apply only to protocol serial");
      }
    }
    if (protocol.orElse(null) == Protocol.SERIAL
        && (c.serial() == null || c.serial().device() == null || c.serial().device().isBlank())) {
      add(p + "serial.device", "is required for serial (e.g. /dev/ttyUSB0)");
    }
    maxLength(p + "host", c.host(), 500);
    range(p + "port", c.port(), 1, 65_535);
    if (c.serial() != null) {
      serial(p + "serial.", c.serial());
    }
    credentials(p + "credentials", c.credentials());
    proxy(p + "proxy", c.proxy());
    prompts(p + "prompts", c.prompts());
    commands(p + "initExecCommands", c.initExecCommands());
    commands(p + "initConfigCommands", c.initConfigCommands());
    if (c.timeouts() != null) {
      range(p + "timeouts.connectSeconds", c.timeouts().connectSeconds(), 1, MAX_TIMEOUT);
      range(p + "timeouts.loginSeconds", c.timeouts().loginSeconds(), 1, MAX_TIMEOUT);
      range(p + "timeouts.executeSeconds", c.timeouts().executeSeconds(), 1, MAX_TIMEOUT);
    }
    maxLength(p + "sshOptions", c.sshOptions(), 2000);
    sshOptions(p + "sshOptions", c.sshOptions());
    ssh(p + "ssh", c, stored == null ? null : stored.getSshOptions());
    range(p + "poolSize", c.poolSize(), 1, 64);
  }

  /**
   * Every ssh option Patchbay does not apply or cannot read is refused, naming it: none is dropped
   * silently.
   */
  private void sshOptions(String path, String text) {
    if (text != null && text.length() <= 2000) {
      SshOptions.parse(text).problems().forEach(problem -> add(path, problem.message()));
    }
  }

  /**
   * The typed options: each is one Patchbay applies and reads; given with a different {@code
   * sshOptions}, that text must be the stored one (a client that read both and changed {@code
   * ssh}).
   */
  private void ssh(String path, ConnectionRequest c, String storedOptions) {
    SshSettings ssh = c.ssh();
    if (ssh == null) {
      return;
    }
    ssh.unknown()
        .keySet()
        .forEach(
            key ->
                add(
                    path + "." + key,
                    "is not an ssh option Patchbay applies (it applies "
                        + String.join(", ", SshSettings.FIELDS.values())
                        + ")"));
    SshOptions.parse(ssh.toOptionsText())
        .problems()
        .forEach(
            problem ->
                add(
                    path
                        + "."
                        + SshSettings.FIELDS.getOrDefault(problem.option(), problem.option()),
                    problem.message()));
    if (c.sshOptions() != null
        && !ssh.sameAs(c.sshOptions())
        && !c.sshOptions().equals(storedOptions)) {
      add(
          path,
          "differs from sshOptions; give the options once (or send sshOptions back as read with a"
              + " changed ssh)");
    }
  }

  private void serial(String p, SerialSettings s) {
    maxLength(p + "device", s.device(), 500);
    range(p + "baudRate", s.baudRate(), 1, 4_000_000);
    range(p + "dataBits", s.dataBits(), 5, 8);
    oneOf(p + "parity", s.parity(), PARITIES);
    oneOf(p + "stopBits", s.stopBits(), STOP_BITS);
    oneOf(p + "flowControl", s.flowControl(), FLOW_CONTROLS);
  }

  private void credentials(String path, Map<String, CredentialRequest> credentials) {
    if (credentials == null) {
      return;
    }
    credentials.forEach(
        (name, credential) -> {
          String problem = Names.problem(name, Names.MAX_CHILD_NAME);
          if (problem != null) {
            add(path + "." + name, "credential name " + problem);
          } else if (credential == null) {
            add(path + "." + name, "must not be null");
          } else {
            credentialFields(path + "." + name + ".", credential);
          }
        });
  }

  private void credentialFields(String p, CredentialRequest credential) {
    maxLength(p + "username", credential.username(), 200);
    secret(p + "password", credential.password());
    secret(p + "privateKey", credential.privateKey());
  }

  private void secret(String path, String value) {
    if (value == null) {
      return;
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
      add(path, "must be at most " + MAX_SECRET_BYTES + " bytes");
    } else if (value.startsWith("%ASK{") && value.length() > MAX_PROMPT + 6) {
      add(path, "the prompt must be at most " + MAX_PROMPT + " characters");
    }
  }

  private void proxy(String path, Object proxy) {
    ProxyHops.formProblem(proxy).ifPresent(problem -> add(path, problem));
  }

  /** Prompt overrides are users' regular expressions: each must compile on the expect engine. */
  private void prompts(String path, Map<String, Object> prompts) {
    if (prompts != null) {
      prompts.forEach(
          (key, value) -> {
            if (value != null) {
              UserPatterns.problem(value.toString()).ifPresent(p -> add(path + "." + key, p));
            }
          });
    }
  }

  private void commands(String path, List<String> commands) {
    if (commands != null && commands.contains(null)) {
      add(path, "must not contain null");
    }
  }

  private void name(String path, String value, String currentName, int max) {
    if (currentName != null && (value == null || value.equals(currentName))) {
      return;
    }
    String problem = Names.problem(value, max);
    if (problem != null) {
      add(path, problem);
    }
  }

  private void maxLength(String path, String value, int max) {
    if (value != null && value.length() > max) {
      add(path, "must be at most " + max + " characters");
    }
  }

  private void range(String path, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      add(path, "must be between " + min + " and " + max);
    }
  }

  private void oneOf(String path, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      add(path, "must be one of " + allowed.stream().sorted().toList());
    }
  }

  private void add(String field, String message) {
    problems.add(new FieldProblem(field, message));
  }

  private void throwIfAny(String detail) {
    if (!problems.isEmpty()) {
      throw PatchbayException.invalid(detail, problems);
    }
  }
}
