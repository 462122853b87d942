package dev.patchbay.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Lists an operation's annotated responses as successes (in declared order) followed by errors by
 * status code. Springdoc lists them in annotation-merge order, which puts the {@link
 * ProblemResponses} sets ahead of an operation's own responses; this keeps the published document
 * independent of how an operation composes them. Responses that other customizers add stay after
 * the annotated ones, whichever customizer runs first.
 */
@Component
class ResponseOrderCustomizer implements OperationCustomizer {

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    ApiResponses responses = operation.getResponses();
    if (responses == null || responses.size() < 2) {
      return operation;
    }
    Set<String> annotated =
        AnnotatedElementUtils.findMergedRepeatableAnnotations(
                handlerMethod.getMethod(),
                io.swagger.v3.oas.annotations.responses.ApiResponse.class)
            .stream()
            .map(io.swagger.v3.oas.annotations.responses.ApiResponse::responseCode)
            .collect(Collectors.toSet());
    Map<String, ApiResponse> before = new LinkedHashMap<>(responses);
    List<String> codes = new ArrayList<>(before.keySet());
    // A stable sort: successes and added responses keep their relative order.
    codes.sort(
        Comparator.<String>comparingInt(code -> rank(code, annotated))
            .thenComparing(code -> rank(code, annotated) == 1 ? code : ""));
    responses.clear();
    codes.forEach(code -> responses.addApiResponse(code, before.get(code)));
    return operation;
  }

  /** 0: a success; 1: an annotated error; 2: added by some other customizer. */
  private static int rank(String code, Set<String> annotated) {
    if (code.startsWith("2")) {
      return 0;
    }
    return annotated.contains(code) ? 1 : 2;
  }
}
