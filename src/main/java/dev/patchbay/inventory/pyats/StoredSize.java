package dev.patchbay.inventory.pyats;

import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.pyats.ParsedTestbed.ParsedDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds the free-form data (JSON columns) one import may store: per device and for the testbed's
 * own blocks. The node budget already bounds what a file expands to; this bounds what is kept of
 * it, so that no list, export or re-import of one testbed has to carry an unbounded document.
 */
final class StoredSize {

  /** JSON characters one device's data may take. */
  static final int MAX_DEVICE = 1024 * 1024;

  /**
   * JSON characters the testbed's own blocks (servers, topology, custom, unknown keys) may take.
   */
  static final int MAX_TESTBED = 4 * 1024 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private StoredSize() {}

  static void check(ParsedTestbed parsed, ImportReport report) {
    Testbed t = parsed.testbed();
    long testbed =
        size(
            List.of(
                nullSafe(t.getServers()),
                nullSafe(t.getCustom()),
                nullSafe(t.getTopology()),
                t.getExtra(),
                credentials(t.getCredentials())));
    if (testbed > MAX_TESTBED) {
      report.error(
          YamlPath.root(),
          1,
          "the testbed's own blocks (servers, topology, custom, other keys) take "
              + testbed
              + " characters as JSON, more than the "
              + MAX_TESTBED
              + " a testbed may store");
    }
    for (ParsedDevice d : parsed.devices()) {
      long device = size(device(d.device()));
      if (device > MAX_DEVICE) {
        report.error(
            d.path(),
            d.line(),
            "the device takes "
                + device
                + " characters as JSON, more than the "
                + MAX_DEVICE
                + " a device may store");
      }
    }
  }

  private static List<Object> device(Device device) {
    List<Object> parts = new ArrayList<>();
    parts.add(nullSafe(device.getCustom()));
    parts.add(nullSafe(device.getConnectionDefaults()));
    parts.add(device.getExtra());
    parts.add(device.getAliases());
    parts.add(credentials(device.getCredentials()));
    for (ConnectionDefinition c : device.getConnections()) {
      parts.add(
          new ArrayList<>(
              Arrays.asList(
                  c.getHost(),
                  c.getProxy(),
                  c.getCommand(),
                  c.getSshOptions(),
                  c.getInitExecCommands(),
                  c.getInitConfigCommands(),
                  c.getArguments(),
                  c.getSettings(),
                  c.getExtra())));
      parts.add(credentials(c.getCredentials()));
    }
    return parts;
  }

  private static List<Object> credentials(List<Credential> credentials) {
    List<Object> out = new ArrayList<>();
    credentials.forEach(
        c -> out.add(new ArrayList<>(Arrays.asList(c.getUsername(), c.getExtra()))));
    return out;
  }

  private static Object nullSafe(Object value) {
    return value == null ? "" : value;
  }

  private static long size(Object value) {
    return JSON.writeValueAsString(value).length();
  }
}
