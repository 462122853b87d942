package dev.patchbay.inventory.pyats;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceLookup;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.Protocol;
import dev.patchbay.inventory.ProxyHops;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.StoredSecret;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.TestbedRepository;
import dev.patchbay.inventory.pyats.ImportResult.UnsupportedConnection;
import dev.patchbay.inventory.pyats.ParsedTestbed.ParsedDevice;
import dev.patchbay.inventory.pyats.SecretResolver.Previous;
import dev.patchbay.inventory.pyats.SecretResolver.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a pyATS testbed file in one transaction: reads it, checks device ownership, resolves
 * secrets against what is stored, then (unless dry-run) writes the testbed, its devices and its
 * {@link TestbedFileLayout}. Any error aborts before the first write.
 */
@Service
public class TestbedImporter {

  /** The result and whether the testbed was created by this import. */
  public record Outcome(ImportResult result, boolean created) {}

  private final TestbedRepository testbeds;
  private final DeviceRepository devices;
  private final TestbedFileLayoutRepository layouts;
  private final SecretResolver resolver;
  private final DeviceFingerprint fingerprint;

  TestbedImporter(
      TestbedRepository testbeds,
      DeviceRepository devices,
      TestbedFileLayoutRepository layouts,
      SecretResolver resolver,
      SecretSealer sealer) {
    this.testbeds = testbeds;
    this.devices = devices;
    this.layouts = layouts;
    this.resolver = resolver;
    this.fingerprint = new DeviceFingerprint(sealer);
  }

  @Transactional
  public Outcome importFile(TestbedUpload upload, ImportMode mode, String nameParameter) {
    ImportReport report = new ImportReport();
    ParsedTestbed parsed =
        new TestbedFileParser(report, NodeBudget.forText(upload.text()))
            .parse(upload.text(), nameParameter, upload.fileName());
    if (parsed == null || report.hasErrors()) {
      throw failure(report);
    }
    StoredSize.check(parsed, report);
    if (report.hasErrors()) {
      throw failure(report);
    }
    Testbed existing = testbeds.findByName(parsed.testbed().getName()).orElse(null);
    TestbedFileLayout layout =
        existing == null ? null : layouts.findById(existing.getId()).orElse(null);
    Map<String, Device> current =
        existing == null
            ? Map.of()
            : devices.findByTestbedOrderByNameAsc(existing).stream()
                .collect(
                    Collectors.toMap(
                        Device::getName, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    checkOwnership(parsed, current, report);
    checkProxies(parsed, report);
    Resolution secrets =
        resolver.resolve(
            parsed.secrets(),
            previous(existing, current.values(), layout),
            upload.environment(),
            report);
    if (report.hasErrors()) {
      throw failure(report);
    }
    Set<String> inFile =
        parsed.devices().stream().map(d -> d.device().getName()).collect(Collectors.toSet());
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<SecretMark> storedMarks = layout == null ? List.of() : layout.getSecretMarks();
    for (ParsedDevice d : parsed.devices()) {
      String name = d.device().getName();
      Device stored = current.get(name);
      if (stored == null) {
        created.add(name);
      } else if (fingerprint
          .of(stored, storedMarks)
          .equals(fingerprint.of(d.device(), secrets.marks()))) {
        unchanged.add(name);
      } else {
        updated.add(name);
      }
    }
    List<String> deleted =
        mode == ImportMode.REPLACE
            ? current.keySet().stream().filter(n -> !inFile.contains(n)).toList()
            : List.of();
    ImportResult result =
        new ImportResult(
            parsed.testbed().getName(),
            mode.id(),
            created,
            updated,
            unchanged,
            deleted,
            secrets.unresolved(),
            secrets.ask(),
            secrets.missing(),
            secrets.environment(),
            unsupported(parsed),
            report.warnings());
    if (mode != ImportMode.DRY_RUN) {
      apply(parsed, existing, current, layout, secrets, mode);
    }
    return new Outcome(result, existing == null && mode != ImportMode.DRY_RUN);
  }

  /**
   * Every proxy hop names a device of the file or a stored one, and no chain is a cycle; hops an
   * ssh {@code ProxyJump} names are reported as warnings instead (the option is kept as written and
   * a session is refused until its hosts are devices), since pyATS passes it to OpenSSH, which may
   * reach hosts the inventory does not hold.
   */
  private void checkProxies(ParsedTestbed parsed, ImportReport report) {
    DeviceLookup lookup =
        DeviceLookup.of(devices).with(parsed.devices().stream().map(ParsedDevice::device).toList());
    for (ParsedDevice d : parsed.devices()) {
      for (ConnectionDefinition c : d.device().getConnections()) {
        String path = "devices." + d.device().getName() + ".connections." + c.getName();
        if (ProxyHops.fromProxyJump(c)) {
          ProxyHops.problem(d.device().getName(), c, lookup)
              .ifPresent(
                  problem ->
                      report.warning(
                          YamlPath.root()
                              .child("devices")
                              .child(d.device().getName())
                              .child("connections")
                              .child(c.getName())
                              .child("ssh_options"),
                          null,
                          "connection "
                              + problem
                              + "; opening a session is refused until it does"));
        } else {
          ProxyHops.check(d.device().getName(), c, path + ".proxy", path + ".ssh_options", lookup);
        }
      }
    }
  }

  private void checkOwnership(
      ParsedTestbed parsed, Map<String, Device> current, ImportReport report) {
    for (ParsedDevice d : parsed.devices()) {
      String name = d.device().getName();
      if (current.containsKey(name)) {
        continue;
      }
      devices
          .findByName(name)
          .ifPresent(
              other ->
                  report.conflict(
                      d.path(),
                      d.line(),
                      other.getTestbed() == null
                          ? "device '" + name + "' already exists outside any testbed"
                          : "device '"
                              + name
                              + "' belongs to testbed '"
                              + other.getTestbed().getName()
                              + "'; device names are unique across testbeds"));
    }
  }

  private static Previous previous(
      Testbed existing, Iterable<Device> current, TestbedFileLayout layout) {
    Map<String, StoredSecret> credentials = new HashMap<>();
    Map<String, SecretMark> marks = new HashMap<>();
    if (existing != null) {
      YamlPath testbed = YamlPath.root().child("testbed");
      collect(existing.getCredentials(), testbed, credentials);
      for (Device device : current) {
        YamlPath path = YamlPath.root().child("devices").child(device.getName());
        collect(device.getCredentials(), path, credentials);
        for (ConnectionDefinition c : device.getConnections()) {
          collect(c.getCredentials(), path.child("connections").child(c.getName()), credentials);
        }
      }
    }
    if (layout != null) {
      layout.getSecretMarks().forEach(m -> marks.put(m.yamlPath().toString(), m));
    }
    return new Previous(credentials, marks);
  }

  private static void collect(
      List<Credential> list, YamlPath owner, Map<String, StoredSecret> out) {
    for (Credential credential : list) {
      YamlPath path = owner.child("credentials").child(credential.getName());
      if (credential.getPassword() != null) {
        out.put(path.child("password").toString(), credential.getPassword());
      }
      if (credential.getPrivateKey() != null) {
        out.put(path.child("private_key").toString(), credential.getPrivateKey());
      }
    }
  }

  private static List<UnsupportedConnection> unsupported(ParsedTestbed parsed) {
    List<UnsupportedConnection> out = new ArrayList<>();
    for (ParsedDevice d : parsed.devices()) {
      for (ConnectionDefinition c : d.device().getConnections()) {
        String reason = unsupportedReason(c);
        if (reason != null) {
          out.add(new UnsupportedConnection(d.device().getName(), c.getName(), reason));
        }
      }
    }
    return out;
  }

  /** Why Patchbay cannot open {@code c} itself, or {@code null} when it can. */
  static String unsupportedReason(ConnectionDefinition c) {
    if (c.getCommand() != null || c.getExtra().containsKey("command")) {
      return "spawns a local program (command:), which Patchbay runs only when"
          + " patchbay.command-connections enables it";
    }
    if (c.getProtocol() == null) {
      return c.getConnectionClass() == null
          ? "no protocol"
          : "no protocol (connection class " + c.getConnectionClass() + ")";
    }
    if (Protocol.parse(c.getProtocol()).isEmpty()) {
      return "protocol '" + c.getProtocol() + "' is not ssh, telnet or serial";
    }
    if (Protocol.parse(c.getProtocol()).get() == Protocol.SERIAL) {
      return c.getSerial().getDevice() == null ? "serial line without a device" : null;
    }
    if (c.getHost() == null) {
      return "no usable ip or host (missing, not a string, or a secret without a value)";
    }
    if (c.getExtra().containsKey("port")) {
      return "port is not a number from 1 to 65535";
    }
    return null;
  }

  private void apply(
      ParsedTestbed parsed,
      Testbed existing,
      Map<String, Device> current,
      TestbedFileLayout layout,
      Resolution secrets,
      ImportMode mode) {
    Testbed source = parsed.testbed();
    Testbed target = existing != null ? existing : new Testbed(source.getName());
    target.setAlias(source.getAlias());
    target.setServers(source.getServers());
    target.setCustom(source.getCustom());
    target.setTopology(source.getTopology());
    target.setExtra(source.getExtra());
    target.getCredentials().clear();
    target.getCredentials().addAll(source.getCredentials());
    target.touch();
    target = testbeds.save(target);
    for (ParsedDevice d : parsed.devices()) {
      Device stored = current.get(d.device().getName());
      if (stored == null) {
        d.device().setTestbed(target);
        devices.save(d.device());
      } else {
        copy(d.device(), stored);
      }
    }
    List<YamlPath> kept = new ArrayList<>();
    for (Device device : current.values()) {
      if (parsed.devices().stream().noneMatch(d -> d.device().getName().equals(device.getName()))) {
        if (mode == ImportMode.REPLACE) {
          devices.delete(device);
        } else {
          kept.add(YamlPath.root().child("devices").child(device.getName()));
        }
      }
    }
    saveLayout(target, layout, parsed, secrets, kept);
  }

  private void saveLayout(
      Testbed testbed,
      TestbedFileLayout previous,
      ParsedTestbed parsed,
      Resolution secrets,
      List<YamlPath> keptDevices) {
    TestbedFileLayout layout = previous != null ? previous : new TestbedFileLayout(testbed.getId());
    Map<String, List<String>> order = new LinkedHashMap<>(parsed.keyOrder());
    List<SecretMark> marks = new ArrayList<>(secrets.marks());
    if (previous != null) {
      for (YamlPath device : keptDevices) {
        String prefix = device.toString();
        previous
            .getKeyOrder()
            .forEach(
                (path, keys) -> {
                  if (path.equals(prefix) || path.startsWith(prefix + ".")) {
                    order.putIfAbsent(path, keys);
                  }
                });
        previous.getSecretMarks().stream()
            .filter(m -> m.yamlPath().startsWith(device))
            .forEach(marks::add);
      }
    }
    layout.setKeyOrder(order);
    layout.setSecretMarks(marks);
    layouts.save(layout);
  }

  /**
   * Overwrites what the file expresses; Patchbay-only fields (prompts, serial line, login timeout)
   * stay.
   */
  private static void copy(Device from, Device to) {
    to.setAliases(from.getAliases());
    to.setOs(from.getOs());
    to.setPlatform(from.getPlatform());
    to.setType(from.getType());
    to.setRole(from.getRole());
    to.setCustom(from.getCustom());
    to.setConnectionDefaults(from.getConnectionDefaults());
    to.setExtra(from.getExtra());
    to.getCredentials().clear();
    to.getCredentials().addAll(from.getCredentials());
    List<ConnectionDefinition> next = new ArrayList<>();
    for (ConnectionDefinition incoming : from.getConnections()) {
      ConnectionDefinition stored = to.connection(incoming.getName()).orElse(null);
      if (stored == null) {
        next.add(incoming);
      } else {
        copy(incoming, stored);
        next.add(stored);
      }
    }
    to.getConnections().clear();
    next.forEach(to::addConnection);
    to.touch();
  }

  private static void copy(ConnectionDefinition from, ConnectionDefinition to) {
    to.setProtocol(from.getProtocol());
    to.setHost(from.getHost());
    to.setPort(from.getPort());
    to.setProxy(from.getProxy());
    to.setInitExecCommands(from.getInitExecCommands());
    to.setInitConfigCommands(from.getInitConfigCommands());
    to.setConnectTimeoutSeconds(from.getConnectTimeoutSeconds());
    to.setExecuteTimeoutSeconds(from.getExecuteTimeoutSeconds());
    to.setSshOptions(from.getSshOptions());
    to.setPoolSize(from.getPoolSize());
    to.setCommand(from.getCommand());
    to.setConnectionClass(from.getConnectionClass());
    to.setArguments(from.getArguments());
    to.setSettings(from.getSettings());
    to.setExtra(from.getExtra());
    to.getCredentials().clear();
    to.getCredentials().addAll(from.getCredentials());
  }

  private static PatchbayException failure(ImportReport report) {
    int count = report.problems().size();
    return new PatchbayException(
        report.onlyConflicts() ? ProblemType.CONFLICT : ProblemType.VALIDATION,
        "the testbed file has "
            + count
            + (count == 1 ? " problem" : " problems")
            + "; nothing was changed",
        report.problems(),
        Map.of());
  }
}
