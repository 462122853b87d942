package dev.patchbay.api;

/**
 * One field-level error of a problem: where ({@code field}, a dotted path such as {@code
 * connections[0].port} or {@code devices.r1.connections.cli.port}), the YAML line when the input
 * was a file, and what is wrong.
 */
public record FieldProblem(String field, Integer line, String message) {

  public FieldProblem(String field, String message) {
    this(field, null, message);
  }
}
