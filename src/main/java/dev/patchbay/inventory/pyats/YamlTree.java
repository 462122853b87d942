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
 * ordered map entries with duplicate keys resolved as PyYAML (so pyATS) resolves them (the last
 * value wins, in the first key's place, with a warning) and merge keys ({@code <<}) applied, and
 * scalar values typed exactly as {@code Yaml.load} would type them.
 *
 * <p>Composing shares an aliased node instead of copying it, so the cost of a file shows only when
 * its tree is walked: every node a walk visits, through aliases and merge keys too, is paid from a
 * {@link NodeBudget}, and a file that runs out is refused before it costs more.
 */
final class YamlTree {

  /** Deepest nesting of maps and lists (and of merge keys) a file may have. */
  static final int MAX_DEPTH = 64;

  private static final Set<Tag> PLAIN_SCALARS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

  /** One key of a map, with the path and node of its value; {@code line} is the key's. */
  record Entry(String key, Node keyNode, Node value, YamlPath path) {
    int line() {
      return YamlTree.line(keyNode);
    }
  }

  private final ImportReport report;
  private final NodeBudget budget;
  private final ScalarConstructor scalars = new ScalarConstructor();

  YamlTree(ImportReport report, NodeBudget budget) {
    this.report = report;
    this.budget = budget;
  }

  /** The documents of {@code text}; a syntax error is reported with its line. */
  static List<Node> compose(String text, ImportReport report) {
    List<Node> documents = new ArrayList<>();
    LoaderOptions options = new LoaderOptions();
    // Deeper than MAX_DEPTH is refused with its line by the walk; this only guards the stack.
    options.setNestingDepthLimit(2 * MAX_DEPTH);
    options.setCodePointLimit(NodeBudget.MAX_CODE_POINTS);
    // The node budget bounds what aliases cost; a count of them would refuse real files that
    // share one anchored block among many devices.
    options.setMaxAliasesForCollections(NodeBudget.MAX_ALIASES);
    try {
      new Yaml(options).composeAll(new StringReader(text)).forEach(documents::add);
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

  /** Pays for one node a walk visits at {@code path}; see {@link NodeBudget}. */
  void visit(Node node, YamlPath path) {
    budget.spend(node, path);
  }

  /**
   * The entries of a map in file order; duplicate keys (the last value wins) and non-scalar keys
   * are reported.
   */
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
      budget.spend(tuple.getKeyNode(), path);
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
      Entry earlier = explicit.get(key);
      if (earlier != null) {
        report.warning(
            at,
            line(keyNode),
            "duplicate key '"
                + key
                + "' (first on line "
                + earlier.line()
                + "): this later value wins, as pyATS (PyYAML) reads it");
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
