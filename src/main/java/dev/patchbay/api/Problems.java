package dev.patchbay.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem documents for a {@link ProblemType}. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail of(ProblemType type, String detail) {
    return of(type, detail, List.of(), Map.of());
  }

  public static ProblemDetail of(
      ProblemType type, String detail, List<FieldProblem> errors, Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    properties.forEach(problem::setProperty);
    return problem;
  }

  /** The problem type for a framework-raised status (404 route, 405, 415, 406, 413, …). */
  public static ProblemType typeFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 409 -> ProblemType.CONFLICT;
      case 412 -> ProblemType.PRECONDITION_FAILED;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 400 -> ProblemType.MALFORMED_REQUEST;
      default -> status.is5xxServerError() ? ProblemType.INTERNAL : ProblemType.VALIDATION;
    };
  }
}
