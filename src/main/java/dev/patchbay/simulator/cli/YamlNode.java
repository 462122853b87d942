package dev.patchbay.simulator.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A SnakeYAML node that knows its file and path, so every error can point at a line. */
final class YamlNode {

  private final Node node;
  private final String source;
  private final String path;

  YamlNode(Node node, String source, String path) {
    this.node = node;
    this.source = source;
    this.path = path;
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** Entries of a mapping, in file order. */
  Map<String, YamlNode> entries() {
    if (!(node instanceof MappingNode mapping)) {
      throw error("expected a mapping");
    }
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw new YamlNode(tuple.getKeyNode(), source, path).error("expected a plain key");
      }
      String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
      entries.put(key.getValue(), new YamlNode(tuple.getValueNode(), source, childPath));
    }
    return entries;
  }

  /** Entries of a mapping that may only use {@code allowed} keys. */
  Map<String, YamlNode> entries(Set<String> allowed) {
    Map<String, YamlNode> entries = entries();
    for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
      if (!allowed.contains(entry.getKey())) {
        throw entry
            .getValue()
            .error("unknown key '" + entry.getKey() + "', expected one of " + allowed);
      }
    }
    return entries;
  }

  List<YamlNode> items() {
    if (!(node instanceof SequenceNode sequence)) {
      throw error("expected a list");
    }
    List<YamlNode> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(new YamlNode(sequence.getValue().get(i), source, path + "[" + i + "]"));
    }
    return items;
  }

  String text() {
    if (!(node instanceof ScalarNode scalar)) {
      throw error("expected a text value");
    }
    return scalar.getValue();
  }

  /** A list of texts, a single text counting as a list of one. */
  List<String> texts() {
    if (isSequence()) {
      return items().stream().map(YamlNode::text).toList();
    }
    return List.of(text());
  }

  boolean bool() {
    String value = text();
    return switch (value.toLowerCase()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error("expected true or false, got '" + value + "'");
    };
  }

  long number() {
    String value = text();
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw error("expected a whole number, got '" + value + "'");
    }
  }

  /** A byte count such as {@code 1024}, {@code 512KB} or {@code 10MB} (binary multiples). */
  long byteSize() {
    String value = text().strip().toUpperCase();
    long multiplier = 1;
    for (String[] unit :
        new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
      if (value.endsWith(unit[0])) {
        multiplier = Long.parseLong(unit[1]);
        value = value.substring(0, value.length() - unit[0].length()).strip();
        break;
      }
    }
    try {
      return Math.round(Double.parseDouble(value) * multiplier);
    } catch (NumberFormatException e) {
      throw error("expected a size like 512KB or 10MB, got '" + text() + "'");
    }
  }

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  ProfileException error(String problem) {
    return new ProfileException(source, path.isEmpty() ? "(document)" : path, line(), problem);
  }
}
