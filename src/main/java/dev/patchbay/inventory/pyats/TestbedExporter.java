package dev.patchbay.inventory.pyats;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.StoredSecret;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.TestbedRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a stored testbed as a pyATS testbed file: typed fields go back to the keys pyATS reads,
 * kept data ({@code extra}, arguments, settings, custom, servers, topology) as it was imported, in
 * the file's key order. Secrets are never written: stored ones become {@code *****}, {@code %ASK}
 * and {@code %ENV} references are written as they were imported.
 */
@Service
public class TestbedExporter {

  private final TestbedRepository testbeds;
  private final DeviceRepository devices;
  private final TestbedFileLayoutRepository layouts;
  private final SecretSealer sealer;

  TestbedExporter(
      TestbedRepository testbeds,
      DeviceRepository devices,
      TestbedFileLayoutRepository layouts,
      SecretSealer sealer) {
    this.testbeds = testbeds;
    this.devices = devices;
    this.layouts = layouts;
    this.sealer = sealer;
  }

  @Transactional(readOnly = true)
  public String export(String name) {
    Testbed testbed =
        testbeds.findByName(name).orElseThrow(() -> PatchbayException.notFound("testbed", name));
    TestbedFileLayout layout = layouts.findById(testbed.getId()).orElse(null);
    Map<String, List<String>> order = layout == null ? Map.of() : layout.getKeyOrder();
    Map<String, Object> file =
        new Writer(order).file(testbed, devices.findByTestbedOrderByNameAsc(testbed));
    if (layout != null) {
      layout.getSecretMarks().forEach(mark -> overlay(file, mark));
    }
    return yaml().dump(reorder(file, YamlPath.root(), order));
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    options.setAllowUnicode(true);
    return new Yaml(options);
  }

  /** Builds the file tree from the model (before secret marks and key order are applied). */
  private final class Writer {

    private final Map<String, List<String>> order;

    Writer(Map<String, List<String>> order) {
      this.order = order;
    }

    Map<String, Object> file(Testbed testbed, List<Device> stored) {
      YamlPath root = YamlPath.root();
      Map<String, Object> file = new LinkedHashMap<>();
      YamlPath tbPath = root.child("testbed");
      Map<String, Object> tb = new LinkedHashMap<>();
      if (!order.containsKey(tbPath.toString()) || listed(tbPath, "name")) {
        tb.put("name", testbed.getName());
      }
      put(tb, "alias", testbed.getAlias());
      putBlock(
          tb,
          tbPath,
          "credentials",
          credentials(written(testbed.getCredentials(), testbed.getExtra(), tbPath)));
      putBlock(tb, tbPath, "servers", copy(testbed.getServers()));
      putBlock(tb, tbPath, "custom", copy(testbed.getCustom()));
      Map<String, Object> topLevel = new LinkedHashMap<>();
      testbed
          .getExtra()
          .forEach(
              (key, value) -> {
                if (key.equals(TestbedFileParser.TOP_LEVEL_KEY) && value instanceof Map<?, ?> m) {
                  m.forEach((k, v) -> topLevel.put(String.valueOf(k), copy(v)));
                } else {
                  tb.put(key, copy(value));
                }
              });
      putBlock(file, root, "testbed", tb);
      Map<String, Object> deviceBlocks = new LinkedHashMap<>();
      for (Device device : stored) {
        deviceBlocks.put(
            device.getName(), device(device, root.child("devices").child(device.getName())));
      }
      putBlock(file, root, "devices", deviceBlocks);
      putBlock(file, root, "topology", copy(testbed.getTopology()));
      file.putAll(topLevel);
      return file;
    }

    private Map<String, Object> device(Device device, YamlPath path) {
      Map<String, Object> out = new LinkedHashMap<>();
      List<String> aliases = device.getAliases();
      if (!aliases.isEmpty()) {
        out.put("alias", aliases.size() == 1 ? aliases.getFirst() : new ArrayList<>(aliases));
      }
      put(out, "os", device.getOs());
      put(out, "platform", device.getPlatform());
      put(out, "type", device.getType());
      put(out, "role", device.getRole());
      putBlock(
          out,
          path,
          "credentials",
          credentials(written(device.getCredentials(), device.getExtra(), path)));
      YamlPath connectionsPath = path.child("connections");
      Map<String, Object> connections = new LinkedHashMap<>();
      putBlock(connections, connectionsPath, "defaults", copy(device.getConnectionDefaults()));
      for (ConnectionDefinition c : device.getConnections()) {
        connections.put(c.getName(), connection(c, connectionsPath.child(c.getName())));
      }
      putBlock(out, path, "connections", connections);
      putBlock(out, path, "custom", copy(device.getCustom()));
      device.getExtra().forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }

    private Map<String, Object> connection(ConnectionDefinition c, YamlPath path) {
      Map<String, Object> out = new LinkedHashMap<>();
      put(out, "protocol", c.getProtocol());
      put(out, listed(path, "ip") || !listed(path, "host") ? "ip" : "host", c.getHost());
      put(out, "port", c.getPort());
      put(out, "proxy", copy(c.getProxy()));
      put(out, "command", c.getCommand());
      put(out, "class", c.getConnectionClass());
      put(out, "pool_size", c.getPoolSize());
      put(out, "ssh_options", c.getSshOptions());
      Map<String, Object> arguments = new LinkedHashMap<>();
      put(arguments, "connection_timeout", c.getConnectTimeoutSeconds());
      put(arguments, "init_exec_commands", copy(c.getInitExecCommands()));
      put(arguments, "init_config_commands", copy(c.getInitConfigCommands()));
      c.getArguments().forEach((k, v) -> arguments.put(k, copy(v)));
      putBlock(out, path, "arguments", arguments);
      Map<String, Object> settings = new LinkedHashMap<>();
      put(settings, "EXEC_TIMEOUT", c.getExecuteTimeoutSeconds());
      c.getSettings().forEach((k, v) -> settings.put(k, copy(v)));
      putBlock(out, path, "settings", settings);
      putBlock(out, path, "credentials", credentials(c.getCredentials()));
      c.getExtra().forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }

    private Map<String, Object> credentials(List<Credential> credentials) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Credential credential : credentials) {
        Map<String, Object> block = new LinkedHashMap<>();
        put(block, "username", credential.getUsername());
        put(block, "password", masked(credential.getPassword()));
        put(block, "private_key", masked(credential.getPrivateKey()));
        credential.getExtra().forEach((k, v) -> block.put(k, copy(v)));
        out.put(credential.getName(), block);
      }
      return out;
    }

    /**
     * The credentials the file wrote under {@code credentials:}, without those an import derived
     * from legacy {@code tacacs:}/{@code passwords:} blocks (kept in {@code extra} and written back
     * as they were).
     */
    private List<Credential> written(
        List<Credential> credentials, Map<String, Object> extra, YamlPath owner) {
      List<String> derived = LegacyCredentials.names(extra);
      YamlPath block = owner.child("credentials");
      return credentials.stream()
          .filter(c -> !derived.contains(c.getName()) || listed(block, c.getName()))
          .toList();
    }

    /** A block is written when it has content or was written (possibly empty) in the file. */
    private void putBlock(
        Map<String, Object> out, YamlPath path, String key, Map<String, Object> block) {
      if (!block.isEmpty() || listed(path, key)) {
        out.put(key, block);
      }
    }

    private boolean listed(YamlPath block, String key) {
      return order.getOrDefault(block.toString(), List.of()).contains(key);
    }
  }

  /** How a stored secret is written: never its value. An empty password is not a secret. */
  private String masked(StoredSecret secret) {
    if (secret == null) {
      return null;
    }
    return switch (secret.getState()) {
      case STORED -> sealer.reveal(secret).isEmpty() ? "" : SecretSealer.MASK;
      case ASK ->
          secret.getPrompt() == null ? SecretSealer.MASK : "%ASK{" + secret.getPrompt() + "}";
      case UNRESOLVED -> SecretSealer.MASK;
      case ENV -> "%ENV{" + secret.getPrompt() + "}";
    };
  }

  private static void put(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  /** Writes a mark's masked form at its path, when the path still exists. */
  @SuppressWarnings("unchecked")
  private static void overlay(Map<String, Object> file, SecretMark mark) {
    List<Object> path = mark.path();
    Object node = file;
    for (int i = 0; i < path.size() - 1 && node != null; i++) {
      node = child(node, path.get(i));
    }
    Object last = path.getLast();
    if (node instanceof Map<?, ?> map && last instanceof String key) {
      ((Map<String, Object>) map).put(key, mark.exported());
    } else if (node instanceof List<?> list
        && last instanceof Integer index
        && index < list.size()) {
      ((List<Object>) list).set(index, mark.exported());
    }
  }

  private static Object child(Object node, Object segment) {
    if (node instanceof Map<?, ?> map && segment instanceof String key) {
      return map.get(key);
    }
    if (node instanceof List<?> list && segment instanceof Integer index && index < list.size()) {
      return list.get(index);
    }
    return null;
  }

  /** Puts the keys of every block in the file's order; keys the file did not have come last. */
  private static Object reorder(Object node, YamlPath path, Map<String, List<String>> order) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (String key : order.getOrDefault(path.toString(), List.of())) {
        if (map.containsKey(key)) {
          out.put(key, map.get(key));
        }
      }
      map.forEach((k, v) -> out.putIfAbsent(String.valueOf(k), v));
      out.replaceAll((k, v) -> reorder(v, path.child(k), order));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(reorder(list.get(i), path.index(i), order));
      }
      return out;
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static <T> T copy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return (T) out;
    }
    if (value instanceof List<?> list) {
      return (T) new ArrayList<>(list.stream().map(TestbedExporter::copy).toList());
    }
    return value;
  }
}
