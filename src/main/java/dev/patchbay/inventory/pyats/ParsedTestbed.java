package dev.patchbay.inventory.pyats;

import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.Testbed;
import java.util.List;
import java.util.Map;

/**
 * A testbed file read into detached entities: nothing is stored yet and secrets are still pending.
 * {@code keyOrder} holds the file's key order by block path (see {@link TestbedFileLayout}).
 */
record ParsedTestbed(
    Testbed testbed,
    List<ParsedDevice> devices,
    Map<String, List<String>> keyOrder,
    List<PendingSecret> secrets) {

  /** A device of the file with where it was written. */
  record ParsedDevice(Device device, YamlPath path, int line) {}
}
