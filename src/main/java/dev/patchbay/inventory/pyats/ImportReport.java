package dev.patchbay.inventory.pyats;

import dev.patchbay.api.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Errors (which abort the import) and warnings collected while reading a testbed file. */
final class ImportReport {

  private final List<FieldProblem> errors = new ArrayList<>();
  private final List<FieldProblem> conflicts = new ArrayList<>();
  private final List<FieldProblem> warnings = new ArrayList<>();

  void error(YamlPath path, Integer line, String message) {
    errors.add(new FieldProblem(path.toString(), line, message));
  }

  /** A device that belongs to another testbed: reported as a conflict rather than bad input. */
  void conflict(YamlPath path, Integer line, String message) {
    conflicts.add(new FieldProblem(path.toString(), line, message));
  }

  void warning(YamlPath path, Integer line, String message) {
    warnings.add(new FieldProblem(path.toString(), line, message));
  }

  boolean hasErrors() {
    return !errors.isEmpty() || !conflicts.isEmpty();
  }

  /** Bad input first, then conflicts; empty when the import may proceed. */
  List<FieldProblem> problems() {
    List<FieldProblem> all = new ArrayList<>(errors);
    all.addAll(conflicts);
    return all;
  }

  boolean onlyConflicts() {
    return errors.isEmpty() && !conflicts.isEmpty();
  }

  List<FieldProblem> warnings() {
    return List.copyOf(warnings);
  }
}
