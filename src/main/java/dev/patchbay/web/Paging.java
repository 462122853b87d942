package dev.patchbay.web;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import java.util.ArrayList;
import java.util.List;

/** Paging limits of listings: {@code page} from 0, {@code size} 1..{@value #MAX_SIZE}. */
public final class Paging {

  static final int MAX_SIZE = 500;

  private Paging() {}

  public static void check(int page, int size) {
    List<FieldProblem> problems = new ArrayList<>();
    if (page < 0) {
      problems.add(new FieldProblem("page", "must be 0 or more"));
    } else if ((long) page * Math.max(size, 1) > Integer.MAX_VALUE) {
      problems.add(new FieldProblem("page", "is beyond the last possible page"));
    }
    if (size < 1 || size > MAX_SIZE) {
      problems.add(new FieldProblem("size", "must be between 1 and " + MAX_SIZE));
    }
    if (!problems.isEmpty()) {
      throw PatchbayException.invalid("invalid paging", problems);
    }
  }
}
