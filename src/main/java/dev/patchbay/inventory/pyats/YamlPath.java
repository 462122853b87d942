package dev.patchbay.inventory.pyats;

import java.util.ArrayList;
import java.util.List;

/**
 * A location in a testbed file, e.g. {@code devices.r1.connections.cli.port} or {@code
 * devices.r1.connections.cli.arguments.init_exec_commands[0]}. Segments are map keys ({@link
 * String}) or sequence indexes ({@link Integer}); keys containing {@code .}, {@code [} or {@code "}
 * are written in double quotes.
 */
public record YamlPath(List<Object> segments) {

  private static final YamlPath ROOT = new YamlPath(List.of());

  public YamlPath {
    segments = List.copyOf(segments);
  }

  public static YamlPath root() {
    return ROOT;
  }

  public YamlPath child(String key) {
    return append(key);
  }

  public YamlPath index(int index) {
    return append(index);
  }

  /** The last map key, or {@code null} at the root or after an index. */
  public String key() {
    return segments.isEmpty() || !(segments.getLast() instanceof String s) ? null : s;
  }

  /** The map key {@code n} segments above the last one, or {@code null}. */
  public String keyAbove(int n) {
    int at = segments.size() - 1 - n;
    return at < 0 || !(segments.get(at) instanceof String s) ? null : s;
  }

  /** True when this path is {@code prefix} or lies below it. */
  public boolean startsWith(YamlPath prefix) {
    return segments.size() >= prefix.segments.size()
        && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
  }

  private YamlPath append(Object segment) {
    List<Object> next = new ArrayList<>(segments);
    next.add(segment);
    return new YamlPath(next);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
        continue;
      }
      String key = (String) segment;
      if (!out.isEmpty()) {
        out.append('.');
      }
      boolean quote = key.contains(".") || key.contains("[") || key.contains("\"");
      out.append(quote ? '"' + key.replace("\"", "\\\"") + '"' : key);
    }
    return out.toString();
  }
}
