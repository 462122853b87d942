package dev.patchbay.inventory.pyats;

import dev.patchbay.connection.SshOptions;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.Names;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.StoredSecret;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.pyats.ParsedTestbed.ParsedDevice;
import dev.patchbay.inventory.pyats.YamlTree.Entry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a pyATS testbed file into detached entities (phase one of an import). Keys Patchbay models
 * go to typed fields; everything else is kept as data in {@code extra} (a value that does not fit
 * its typed field, such as {@code port: -p 22}, is kept there under its own key). Secret strings
 * become {@link PendingSecret}s; free-form data holds the mask in their place.
 */
final class TestbedFileParser {

  /** Key of {@code Testbed.extra} that holds unknown top-level keys of the file. */
  static final String TOP_LEVEL_KEY = "x-patchbay-top-level";

  private final ImportReport report;
  private final YamlTree tree;
  private final List<PendingSecret> secrets = new ArrayList<>();
  private final Map<String, List<String>> keyOrder = new LinkedHashMap<>();
  private final Map<String, Integer> lines = new HashMap<>();

  TestbedFileParser(ImportReport report, NodeBudget budget) {
    this.report = report;
    this.tree = new YamlTree(report, budget);
  }

  /**
   * The parsed file, or {@code null} when it cannot be read at all (see the report). A file without
   * {@code testbed.name} is named {@code nameParameter}, else after {@code uploadName}, the name of
   * the uploaded file, as pyATS names a testbed after its file.
   */
  ParsedTestbed parse(String text, String nameParameter, String uploadName) {
    try {
      return walk(text, nameParameter, uploadName);
    } catch (NodeBudget.Exhausted e) {
      report.error(e.path(), e.line(), e.message());
      return null;
    }
  }

  private ParsedTestbed walk(String text, String nameParameter, String uploadName) {
    List<Node> documents = YamlTree.compose(text, report);
    if (report.hasErrors()) {
      return null;
    }
    YamlPath root = YamlPath.root();
    if (documents.isEmpty()) {
      report.error(root, 1, "the file is empty");
      return null;
    }
    MappingNode top = documents.size() == 1 ? single(documents.getFirst()) : extended(documents);
    if (top == null) {
      return null;
    }
    Testbed testbed = new Testbed(null);
    List<ParsedDevice> devices = new ArrayList<>();
    Map<String, Object> topLevel = new LinkedHashMap<>();
    String fileName = null;
    int nameLine = 1;
    for (Entry e : entries(top, root)) {
      switch (e.key()) {
        case "testbed" -> {
          if (e.value() instanceof MappingNode block) {
            fileName = testbedBlock(block, e.path(), testbed);
            nameLine = e.line();
          } else {
            nullOrError(e, topLevel, "testbed must be a map");
          }
        }
        case "devices" -> {
          if (e.value() instanceof MappingNode block) {
            for (Entry d : entries(block, e.path())) {
              checkName(d.key(), Names.MAX_NAME, d.path(), d.line(), "the device name");
              if (d.value() instanceof MappingNode deviceBlock) {
                devices.add(
                    new ParsedDevice(device(d.key(), deviceBlock, d.path()), d.path(), d.line()));
              } else {
                report.error(d.path(), d.line(), "a device must be a map");
              }
            }
          } else {
            nullOrError(e, topLevel, "devices must be a map of device name to device");
          }
        }
        case "topology" -> {
          if (e.value() instanceof MappingNode block) {
            testbed.setTopology(map(block, e.path()));
          } else {
            nullOrError(e, topLevel, "topology must be a map");
          }
        }
        case "extends" ->
            report.error(
                e.path(),
                e.line(),
                "this testbed extends "
                    + describe(e.value())
                    + ", which was not supplied: send the parent file(s) first in the same body,"
                    + " as YAML documents separated by '---', or import the merged file");
        default -> topLevel.put(e.key(), data(e.value(), e.path()));
      }
    }
    if (!topLevel.isEmpty()) {
      testbed.getExtra().put(TOP_LEVEL_KEY, topLevel);
    }
    legacyCredentials(
        testbed.getExtra(), testbed.getCredentials(), YamlPath.root().child("testbed"));
    testbed.setName(name(fileName, nameParameter, uploadName, nameLine));
    return new ParsedTestbed(testbed, devices, keyOrder, secrets);
  }

  private MappingNode single(Node document) {
    if (document instanceof MappingNode map) {
      return map;
    }
    report.error(
        YamlPath.root(), YamlTree.line(document), "a testbed file is a map (testbed:, devices:)");
    return null;
  }

  /**
   * Several documents: the last one is the testbed and names in {@code extends} the documents
   * before it, its parents in order. Parents are merged first to last, then the testbed over them;
   * maps merge key by key, any other value of a later document replaces the earlier one.
   */
  private MappingNode extended(List<Node> documents) {
    Node last = documents.getLast();
    MappingNode child = single(last);
    if (child == null) {
      return null;
    }
    NodeTuple extendsTuple =
        child.getValue().stream().filter(t -> isKey(t, "extends")).findFirst().orElse(null);
    int parents = documents.size() - 1;
    int named =
        extendsTuple == null
            ? 0
            : extendsTuple.getValueNode() instanceof SequenceNode seq ? seq.getValue().size() : 1;
    if (named != parents) {
      report.error(
          extendsTuple == null ? YamlPath.root() : YamlPath.root().child("extends"),
          YamlTree.line(extendsTuple == null ? last : extendsTuple.getKeyNode()),
          "the body has "
              + documents.size()
              + " YAML documents: the last one must extend the "
              + parents
              + " before it (extends: names "
              + named
              + ")");
      return null;
    }
    MappingNode merged = null;
    for (Node document : documents.subList(0, parents)) {
      MappingNode parent = single(document);
      if (parent == null) {
        return null;
      }
      if (parent.getValue().stream().anyMatch(t -> isKey(t, "extends"))) {
        report.error(
            YamlPath.root(), YamlTree.line(parent), "a parent document cannot use extends");
        return null;
      }
      merged = merged == null ? parent : merge(merged, parent);
    }
    List<NodeTuple> own = new ArrayList<>(child.getValue());
    own.removeIf(t -> isKey(t, "extends"));
    return merge(merged, new MappingNode(child.getTag(), own, child.getFlowStyle()));
  }

  private static boolean isKey(NodeTuple tuple, String key) {
    return tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key);
  }

  private static MappingNode merge(MappingNode base, MappingNode over) {
    List<NodeTuple> tuples = new ArrayList<>(base.getValue());
    for (NodeTuple tuple : over.getValue()) {
      int at = indexOf(tuples, tuple.getKeyNode());
      if (at < 0) {
        tuples.add(tuple);
      } else if (tuples.get(at).getValueNode() instanceof MappingNode a
          && tuple.getValueNode() instanceof MappingNode b) {
        tuples.set(at, new NodeTuple(tuples.get(at).getKeyNode(), merge(a, b)));
      } else {
        tuples.set(at, tuple);
      }
    }
    return new MappingNode(
        base.getTag(), true, tuples, base.getStartMark(), base.getEndMark(), base.getFlowStyle());
  }

  private static int indexOf(List<NodeTuple> tuples, Node key) {
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).getKeyNode() instanceof ScalarNode a
          && key instanceof ScalarNode b
          && a.getValue().equals(b.getValue())) {
        return i;
      }
    }
    return -1;
  }

  private String name(String fileName, String parameter, String uploadName, int line) {
    YamlPath path = YamlPath.root().child("testbed").child("name");
    boolean given = parameter != null && !parameter.isBlank();
    boolean fileNameValid = fileName != null && Names.problem(fileName, Names.MAX_NAME) == null;
    if (fileNameValid && given && !fileName.equals(parameter)) {
      report.error(
          path, line, "the file names the testbed '" + fileName + "', not '" + parameter + "'");
    }
    if (fileName != null && !fileNameValid && !given) {
      report.error(
          path,
          line,
          "the testbed name '"
              + printable(fileName)
              + "' "
              + Names.problem(fileName, Names.MAX_NAME)
              + "; pass ?name= to import it under a name that does");
      return fileName;
    }
    String name =
        fileName != null && !given
            ? fileName
            : given ? parameter : TestbedNames.fromFile(uploadName);
    if (name == null) {
      report.error(
          path,
          line,
          "the testbed has no name: add testbed.name, pass ?name= or upload the file with its"
              + " file name");
      return null;
    }
    String problem = Names.problem(name, Names.MAX_NAME);
    if (problem != null) {
      report.error(path, line, "the testbed name '" + printable(name) + "' " + problem);
    }
    return name;
  }

  /** A name as a message may quote it: control characters shown as escapes. */
  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** Refuses a name REST refuses, with the path and line of the key that holds it. */
  private void checkName(String name, int max, YamlPath path, int line, String what) {
    String problem = Names.problem(name, max);
    if (problem != null) {
      report.error(path, line, what + " '" + printable(name) + "' " + problem);
    }
  }

  private String testbedBlock(MappingNode block, YamlPath path, Testbed testbed) {
    String name = null;
    for (Entry e : entries(block, path)) {
      switch (e.key()) {
        case "name" -> {
          if (scalar(e) instanceof String s) {
            name = s;
          } else {
            report.error(e.path(), e.line(), "the testbed name must be a string");
          }
        }
        case "alias" -> testbed.setAlias(text(e, 200, testbed.getExtra()));
        case "credentials" -> credentials(e, testbed.getCredentials(), testbed.getExtra());
        case "servers" -> testbed.setServers(mapOrExtra(e, testbed.getExtra()));
        case "custom" -> testbed.setCustom(mapOrExtra(e, testbed.getExtra()));
        default -> testbed.getExtra().put(e.key(), data(e.value(), e.path()));
      }
    }
    return name;
  }

  private Device device(String name, MappingNode block, YamlPath path) {
    Device device = new Device(name);
    Map<String, Object> extra = device.getExtra();
    for (Entry e : entries(block, path)) {
      switch (e.key()) {
        case "os" -> device.setOs(text(e, 100, extra));
        case "platform" -> device.setPlatform(text(e, 100, extra));
        case "type" -> device.setType(text(e, 100, extra));
        case "role" -> device.setRole(text(e, 100, extra));
        case "alias" -> {
          String alias = text(e, 200, extra);
          if (alias != null) {
            device.setAliases(List.of(alias));
          }
        }
        case "credentials" -> credentials(e, device.getCredentials(), extra);
        case "custom" -> device.setCustom(mapOrExtra(e, extra));
        case "connections" -> {
          if (e.value() instanceof MappingNode connections) {
            connections(connections, e.path(), device);
          } else {
            nullOrError(e, extra, "connections must be a map of connection name to connection");
          }
        }
        default -> extra.put(e.key(), data(e.value(), e.path()));
      }
    }
    legacyCredentials(extra, device.getCredentials(), path);
    return device;
  }

  private void connections(MappingNode block, YamlPath path, Device device) {
    for (Entry e : entries(block, path)) {
      if (e.key().equals("defaults")) {
        device.setConnectionDefaults(mapOrExtra(e, device.getExtra()));
      } else if (e.value() instanceof MappingNode connection) {
        checkName(e.key(), Names.MAX_CHILD_NAME, e.path(), e.line(), "the connection name");
        device.addConnection(connection(e.key(), connection, e.path()));
      } else {
        report.error(e.path(), e.line(), "a connection must be a map");
      }
    }
  }

  private ConnectionDefinition connection(String name, MappingNode block, YamlPath path) {
    ConnectionDefinition c = new ConnectionDefinition(name);
    Map<String, Object> extra = c.getExtra();
    List<Entry> entries = entries(block, path);
    boolean hasIp = entries.stream().anyMatch(e -> e.key().equals("ip"));
    for (Entry e : entries) {
      switch (e.key()) {
        case "protocol" -> {
          if (!(scalar(e) instanceof String) && !YamlTree.isNull(e.value())) {
            report.error(e.path(), e.line(), "protocol must be a string such as ssh or telnet");
          }
          c.setProtocol(text(e, 100, extra));
        }
        case "ip" -> c.setHost(secretText(e, 500, extra, c::setHost));
        case "host" -> {
          if (hasIp) {
            extra.put(e.key(), data(e.value(), e.path()));
          } else {
            c.setHost(secretText(e, 500, extra, c::setHost));
          }
        }
        case "port" -> c.setPort(integer(e, 1, 65535, extra));
        case "proxy" -> c.setProxy(data(e.value(), e.path()));
        case "command" -> c.setCommand(text(e, 2000, extra));
        case "class" -> c.setConnectionClass(text(e, 200, extra));
        case "pool_size" -> c.setPoolSize(integer(e, 1, 1000, extra));
        case "ssh_options" -> {
          c.setSshOptions(text(e, 2000, extra));
          sshOptionWarnings(e, c.getSshOptions());
        }
        case "credentials" -> credentials(e, c.getCredentials(), extra);
        case "arguments" -> {
          if (e.value() instanceof MappingNode arguments) {
            arguments(arguments, e.path(), c);
          } else {
            nullOrError(e, extra, "arguments must be a map");
          }
        }
        case "settings" -> {
          if (e.value() instanceof MappingNode settings) {
            settings(settings, e.path(), c);
          } else {
            nullOrError(e, extra, "settings must be a map");
          }
        }
        default -> extra.put(e.key(), data(e.value(), e.path()));
      }
    }
    return c;
  }

  private void arguments(MappingNode block, YamlPath path, ConnectionDefinition c) {
    Map<String, Object> rest = new LinkedHashMap<>();
    for (Entry e : entries(block, path)) {
      switch (e.key()) {
        case "connection_timeout" ->
            c.setConnectTimeoutSeconds(integer(e, 0, Integer.MAX_VALUE, rest));
        case "init_exec_commands" -> c.setInitExecCommands(strings(e, rest));
        case "init_config_commands" -> c.setInitConfigCommands(strings(e, rest));
        default -> rest.put(e.key(), data(e.value(), e.path()));
      }
    }
    c.setArguments(rest);
  }

  private void settings(MappingNode block, YamlPath path, ConnectionDefinition c) {
    Map<String, Object> rest = new LinkedHashMap<>();
    for (Entry e : entries(block, path)) {
      if (e.key().equals("EXEC_TIMEOUT")) {
        c.setExecuteTimeoutSeconds(integer(e, 0, Integer.MAX_VALUE, rest));
      } else {
        rest.put(e.key(), data(e.value(), e.path()));
      }
    }
    c.setSettings(rest);
  }

  private void credentials(Entry e, List<Credential> target, Map<String, Object> extra) {
    if (!(e.value() instanceof MappingNode block)) {
      nullOrError(e, extra, "credentials must be a map of credential name to credential");
      return;
    }
    for (Entry named : entries(block, e.path())) {
      if (!(named.value() instanceof MappingNode fields)) {
        report.error(named.path(), named.line(), "a credential must be a map (username, password)");
        continue;
      }
      checkName(
          named.key(), Names.MAX_CHILD_NAME, named.path(), named.line(), "the credential name");
      Credential credential = new Credential(named.key());
      for (Entry f : entries(fields, named.path())) {
        switch (f.key()) {
          case "username" ->
              credential.setUsername(
                  secretText(f, 200, credential.getExtra(), credential::setUsername));
          case "password" -> secret(f, credential.getExtra(), credential::setPassword);
          case "private_key" -> secret(f, credential.getExtra(), credential::setPrivateKey);
          default -> credential.getExtra().put(f.key(), data(f.value(), f.path()));
        }
      }
      target.add(credential);
    }
  }

  /**
   * Adds the credentials the legacy {@code tacacs:}/{@code passwords:} blocks kept in {@code extra}
   * stand for; a credential the block names itself wins, with a warning.
   */
  private void legacyCredentials(
      Map<String, Object> extra, List<Credential> target, YamlPath owner) {
    List<LegacyCredentials.Derived> derived = LegacyCredentials.derive(extra, owner);
    List<String> mapped = new ArrayList<>();
    for (LegacyCredentials.Derived d : derived) {
      YamlPath from = d.password() != null ? d.password() : d.username();
      if (target.stream().anyMatch(c -> c.getName().equals(d.name()))) {
        report.warning(
            from,
            lineOf(from),
            "credentials." + d.name() + " is given, so this legacy value is not used for it");
        continue;
      }
      Credential credential = new Credential(d.name());
      if (d.username() != null) {
        PendingSecret pending = pendingAt(d.username());
        if (pending != null) {
          secrets.add(
              PendingSecret.value(
                  d.username(), pending.line(), pending.written(), credential::setUsername));
        } else if (valueAt(extra, owner, d.username()) instanceof String user) {
          credential.setUsername(user);
        }
      }
      if (d.password() != null) {
        PendingSecret pending = pendingAt(d.password());
        Object plain = valueAt(extra, owner, d.password());
        String written =
            pending != null ? pending.written() : plain == null ? null : plain.toString();
        if (written != null && !(plain instanceof Map<?, ?>) && !(plain instanceof List<?>)) {
          secrets.add(
              PendingSecret.credential(
                  d.password(), lineOf(d.password()), written, credential::setPassword));
        }
      }
      target.add(credential);
      mapped.add(d.name());
    }
    if (!mapped.isEmpty()) {
      report.warning(
          from(derived),
          lineOf(from(derived)),
          "legacy tacacs/passwords blocks are used as credentials "
              + String.join(", ", mapped)
              + ", as pyATS maps them; export writes the blocks as written");
    }
  }

  private static YamlPath from(List<LegacyCredentials.Derived> derived) {
    LegacyCredentials.Derived first = derived.getFirst();
    return first.username() != null ? first.username() : first.password();
  }

  private PendingSecret pendingAt(YamlPath path) {
    return secrets.stream().filter(p -> p.path().equals(path)).findFirst().orElse(null);
  }

  private Integer lineOf(YamlPath path) {
    PendingSecret pending = pendingAt(path);
    return pending == null ? lines.get(path.toString()) : pending.line();
  }

  /** The value kept in {@code extra} at {@code path}, two keys below {@code owner}. */
  private static Object valueAt(Map<String, Object> extra, YamlPath owner, YamlPath path) {
    List<Object> rest = path.segments().subList(owner.segments().size(), path.segments().size());
    return extra.get(rest.get(0)) instanceof Map<?, ?> block ? block.get(rest.get(1)) : null;
  }

  /** A credential secret column: any non-null scalar is a secret. */
  private void secret(Entry e, Map<String, Object> extra, Consumer<StoredSecret> sink) {
    Object value = scalar(e);
    if (value == null || !(e.value() instanceof ScalarNode)) {
      extra.put(e.key(), data(e.value(), e.path()));
    } else {
      secrets.add(PendingSecret.credential(e.path(), e.line(), String.valueOf(value), sink));
    }
  }

  /** A typed string column; values that do not fit stay in {@code extra}. */
  /**
   * An ssh option Patchbay does not apply or cannot read is kept (it exports as written) and
   * reported, naming it; a session ignores the first kind and refuses the second.
   */
  private void sshOptionWarnings(Entry e, String sshOptions) {
    SshOptions.parse(sshOptions)
        .problems()
        .forEach(
            problem ->
                report.warning(
                    e.path(),
                    e.line(),
                    problem.message()
                        + (problem.unsupported()
                            ? "; a session ignores it"
                            : "; opening a session is refused until it is corrected")));
  }

  private String text(Entry e, int maxLength, Map<String, Object> extra) {
    if (scalar(e) instanceof String s && !isSecretString(s) && s.length() <= maxLength) {
      return s;
    }
    extra.put(e.key(), data(e.value(), e.path()));
    return null;
  }

  /** A typed string column that may hold a secret string (ip, host, username). */
  private String secretText(
      Entry e, int maxLength, Map<String, Object> extra, Consumer<String> sink) {
    if (scalar(e) instanceof String s && isSecretString(s)) {
      secrets.add(PendingSecret.value(e.path(), e.line(), s, sink));
      return null;
    }
    return text(e, maxLength, extra);
  }

  /**
   * A typed integer column: out-of-range integers are errors, other values stay in {@code extra}.
   */
  private Integer integer(Entry e, int min, int max, Map<String, Object> extra) {
    Object value = scalar(e);
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      BigInteger n = new BigInteger(value.toString());
      if (n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0) {
        return n.intValue();
      }
      report.error(e.path(), e.line(), e.key() + " must be between " + min + " and " + max);
      return null;
    }
    extra.put(e.key(), data(e.value(), e.path()));
    return null;
  }

  /** A list of plain strings (commands); anything else stays in {@code rest}. */
  private List<String> strings(Entry e, Map<String, Object> rest) {
    if (e.value() instanceof SequenceNode seq) {
      List<String> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        if (item instanceof ScalarNode s
            && tree.scalar(s) instanceof String str
            && !isSecretString(str)) {
          out.add(str);
        } else {
          rest.put(e.key(), data(e.value(), e.path()));
          return null;
        }
      }
      return out;
    }
    rest.put(e.key(), data(e.value(), e.path()));
    return null;
  }

  private Map<String, Object> mapOrExtra(Entry e, Map<String, Object> extra) {
    if (e.value() instanceof MappingNode block) {
      return map(block, e.path());
    }
    extra.put(e.key(), data(e.value(), e.path()));
    return null;
  }

  /** A null value is kept as data (so it round-trips); any other non-map is an error. */
  private void nullOrError(Entry e, Map<String, Object> extra, String message) {
    if (YamlTree.isNull(e.value())) {
      extra.put(e.key(), null);
    } else {
      report.error(e.path(), e.line(), message);
    }
  }

  private List<Entry> entries(MappingNode block, YamlPath path) {
    List<Entry> entries = tree.entries(block, path);
    keyOrder.putIfAbsent(path.toString(), entries.stream().map(Entry::key).toList());
    return entries;
  }

  private Object scalar(Entry e) {
    return e.value() instanceof ScalarNode s ? tree.scalar(s) : null;
  }

  private Map<String, Object> map(MappingNode block, YamlPath path) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Entry e : tree.entries(block, path)) {
      if (LegacyCredentials.PASSWORDS.equals(path.key())
          || LegacyCredentials.TACACS.equals(path.key())) {
        lines.put(e.path().toString(), e.line());
      }
      out.put(e.key(), data(e.value(), e.path()));
    }
    return out;
  }

  private Object data(Node node, YamlPath path) {
    tree.visit(node, path);
    if (path.segments().size() > YamlTree.MAX_DEPTH) {
      report.error(
          path,
          YamlTree.line(node),
          "the file is nested too deeply (or an alias refers to itself)");
      return null;
    }
    if (node instanceof MappingNode m) {
      return map(m, path);
    }
    if (node instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        out.add(data(seq.getValue().get(i), path.index(i)));
      }
      return out;
    }
    Object value = tree.scalar((ScalarNode) node);
    boolean secret =
        value instanceof String s
            ? isSecretString(s) || (isSecretKey(path) && !s.isEmpty())
            : value != null && isSecretKey(path);
    if (secret) {
      secrets.add(PendingSecret.data(path, YamlTree.line(node), String.valueOf(value)));
      return SecretSealer.MASK;
    }
    return value;
  }

  /** A pyATS marker or an export's mask. */
  private static boolean isSecretString(String value) {
    return value.equals(SecretSealer.MASK) || PyatsSecretString.parse(value).isPresent();
  }

  /**
   * A value that is a secret by where it is: {@code …credentials.<name>.<key>} where the key names
   * a password, secret, passphrase or key (not a prompt such as {@code password_prompt}), and every
   * value of a legacy {@code passwords:} block.
   */
  static boolean isSecretKey(YamlPath path) {
    String key = path.key();
    if (key == null || path.keyAbove(1) == null) {
      return false;
    }
    if (LegacyCredentials.PASSWORDS.equals(path.keyAbove(1))) {
      return true;
    }
    if (!"credentials".equals(path.keyAbove(2))) {
      return false;
    }
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith("prompt") || k.endsWith("pattern")) {
      return false;
    }
    return k.contains("password")
        || k.contains("passwd")
        || k.contains("secret")
        || k.contains("passphrase")
        || k.endsWith("key");
  }

  private String describe(Node value) {
    Object parent = data(value, YamlPath.root().child("extends"));
    return parent instanceof String s ? "'" + s + "'" : String.valueOf(parent);
  }
}
