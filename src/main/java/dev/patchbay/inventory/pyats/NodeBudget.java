package dev.patchbay.inventory.pyats;

import org.yaml.snakeyaml.nodes.Node;

/**
 * How many nodes the walk of one testbed file may visit. A file's text bounds its own nodes, but an
 * alias or a merge key ({@code <<}) repeats a whole subtree for a few bytes, so a 700-byte file can
 * stand for a billion nodes. Every visit is paid for here, expansions included; the budget grows
 * with the file's size (a file without aliases never runs out) and a file that runs out is refused
 * at once, before its expansion is built.
 */
final class NodeBudget {

  /** Longest file SnakeYAML reads, in code points: the request body limit with some room. */
  static final int MAX_CODE_POINTS = 5 * 1024 * 1024;

  /** Aliases of maps and lists a file may use; their cost is what the budget counts. */
  static final int MAX_ALIASES = 100_000;

  /** Visits allowed besides those the text pays for. */
  static final int BASE = 20_000;

  /** Visits each character of the file pays for (a node takes at least one character). */
  static final int PER_CHARACTER = 2;

  /** Raised when the budget runs out; the import reports it with where it happened. */
  static final class Exhausted extends RuntimeException {
    private final transient YamlPath path;
    private final int line;
    private final long limit;

    Exhausted(YamlPath path, int line, long limit) {
      super(null, null, false, false);
      this.path = path;
      this.line = line;
      this.limit = limit;
    }

    YamlPath path() {
      return path;
    }

    int line() {
      return line;
    }

    String message() {
      return "the file expands to more than "
          + limit
          + " YAML nodes (aliases or merge keys repeating content); it is refused unread";
    }
  }

  private final long limit;
  private long spent;

  private NodeBudget(long limit) {
    this.limit = limit;
  }

  /** The budget of a file of {@code text}. */
  static NodeBudget forText(String text) {
    return new NodeBudget(BASE + (long) PER_CHARACTER * text.length());
  }

  void spend(Node node, YamlPath path) {
    if (++spent > limit) {
      throw new Exhausted(path, node.getStartMark().getLine() + 1, limit);
    }
  }
}
