package dev.patchbay.inventory.pyats;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML's node tree with what an import needs on top: 1-based line numbers for every node,
 * ordered map entries with duplicate keys detected and merge keys ({@code <<}) applied, and scalar
 * values typed exactly as {@code Yaml.load} would type them.
 */
final class YamlTree {

  private static final Set<Tag> PLAIN_SCALARS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);
  private static final int MAX_DEPTH = 64;

  /** One key of a map, with the path and node of its value; {@code line} is the key's. */
  record Entry(String key, Node keyNode, Node value, YamlPath path) {
    int line() {
      return YamlTree.line(keyNode);
    }
  }

  private final ImportReport report;
  private final ScalarConstructor scalars = new ScalarConstructor();

  YamlTree(ImportReport report) {
    this.report = report;
  }

  /** The documents of {@code text}; a syntax error is reported with its line. */
  static List<Node> compose(String text, ImportReport report) {
    List<Node> documents = new ArrayList<>();
    try {
      new Yaml(new LoaderOptions()).composeAll(new StringReader(text)).forEach(documents::add);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      // getProblem() names the problem; getMessage() would quote the line, which may hold a secret
      String problem = e.getProblem() != null ? e.getProblem() : "the file cannot be parsed";
      report.error(
          YamlPath.root(),
          mark == null ? null : mark.getLine() + 1,
          "YAML syntax error: " + problem);
    } catch (YAMLException e) {
      report.error(YamlPath.root(), null, "YAML cannot be read: " + e.getMessage());
    }
    return documents;
  }

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  /** The entries of a map in file order; duplicate keys and non-scalar keys are reported. */
  List<Entry> entries(MappingNode map, YamlPath path) {
    Map<String, Entry> merged = new LinkedHashMap<>();
    Map<String, Entry> explicit = new LinkedHashMap<>();
    collect(map, path, merged, explicit, 0);
    merged.putAll(explicit);
    return List.copyOf(merged.values());
  }

  private void collect(
      MappingNode map,
      YamlPath path,
      Map<String, Entry> merged,
      Map<String, Entry> explicit,
      int depth) {
    if (depth > MAX_DEPTH) {
      report.error(path, line(map), "merge keys are nested too deeply");
      return;
    }
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Node value = tuple.getValueNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        for (MappingNode source : mergeSources(value, path)) {
          Map<String, Entry> inner = new LinkedHashMap<>();
          collect(source, path, merged, inner, depth + 1);
          inner.forEach(merged::putIfAbsent);
        }
        continue;
      }
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        report.error(path, line(keyNode), "map keys must be plain values, not lists or maps");
        continue;
      }
      Object typedKey = scalar(scalarKey);
      String key = String.valueOf(typedKey);
      YamlPath at = path.child(key);
      if (!(typedKey instanceof String)) {
        report.warning(
            at, line(keyNode), "the key is not a string; it is kept as the string '" + key + "'");
      }
      if (explicit.containsKey(key)) {
        report.error(at, line(keyNode), "duplicate key '" + key + "'");
        continue;
      }
      explicit.put(key, new Entry(key, keyNode, value, at));
    }
  }

  private List<MappingNode> mergeSources(Node value, YamlPath path) {
    if (value instanceof MappingNode m) {
      return List.of(m);
    }
    List<MappingNode> sources = new ArrayList<>();
    if (value instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        if (item instanceof MappingNode m) {
          sources.add(m);
        } else {
          report.error(path, line(item), "a merge key (<<) takes maps only");
        }
      }
    } else {
      report.error(path, line(value), "a merge key (<<) takes a map or a list of maps");
    }
    return sources;
  }

  /** A scalar typed as {@code Yaml.load} types it; timestamps and binaries stay text. */
  Object scalar(ScalarNode node) {
    return PLAIN_SCALARS.contains(node.getTag()) ? scalars.construct(node) : node.getValue();
  }

  /** Exposes SafeConstructor's scalar typing (int, float, bool, null, str). */
  private static final class ScalarConstructor extends SafeConstructor {
    ScalarConstructor() {
      super(new LoaderOptions());
    }

    Object construct(Node node) {
      return constructObject(node);
    }
  }
}
