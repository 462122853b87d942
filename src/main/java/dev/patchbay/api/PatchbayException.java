package dev.patchbay.api;

import java.util.List;
import java.util.Map;

/**
 * A failure with a stable {@link ProblemType}, rendered as {@code application/problem+json}. Extra
 * {@code properties} become top-level members of the problem document.
 */
public class PatchbayException extends RuntimeException {

  private final ProblemType type;
  private final List<FieldProblem> errors;
  private final Map<String, Object> properties;

  public PatchbayException(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  public PatchbayException(
      ProblemType type, String detail, List<FieldProblem> errors, Map<String, Object> properties) {
    super(detail);
    this.type = type;
    this.errors = List.copyOf(errors);
    this.properties = Map.copyOf(properties);
  }

  public static PatchbayException notFound(String what, String name) {
    return new PatchbayException(ProblemType.NOT_FOUND, what + " '" + name + "' does not exist");
  }

  public static PatchbayException conflict(String detail) {
    return new PatchbayException(ProblemType.CONFLICT, detail);
  }

  public static PatchbayException invalid(String detail, List<FieldProblem> errors) {
    return new PatchbayException(ProblemType.VALIDATION, detail, errors, Map.of());
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldProblem> errors() {
    return errors;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
