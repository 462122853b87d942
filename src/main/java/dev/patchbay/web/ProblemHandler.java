package dev.patchbay.web;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.api.Problems;
import dev.patchbay.common.Correlation;
import dev.patchbay.security.masking.SecretMasker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every failure into an RFC 7807 {@code application/problem+json} document with a stable
 * {@code type}. Bad input never becomes a 500; unexpected errors are logged here and answered
 * without internals.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private static final Pattern SECRET_FIELD =
      Pattern.compile("(?i)password|secret|key|token|passphrase|community");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

  @ExceptionHandler(PatchbayException.class)
  Mono<ResponseEntity<ProblemDetail>> patchbay(PatchbayException e) {
    return Mono.just(
        respond(
            Problems.of(
                e.type(), SecretMasker.mask(e.getMessage()), e.errors(), masked(e.properties()))));
  }

  /**
   * The problem's text properties with secrets masked: a rejected configuration line ({@code
   * command}) and the device's echo of it ({@code output}) are quoted in problem details.
   */
  private static Map<String, Object> masked(Map<String, Object> properties) {
    Map<String, Object> masked = new LinkedHashMap<>(properties);
    masked.replaceAll(
        (key, value) -> value instanceof String text ? SecretMasker.mask(text) : value);
    return masked;
  }

  @ExceptionHandler(OptimisticLockingFailureException.class)
  Mono<ResponseEntity<ProblemDetail>> staleWrite(OptimisticLockingFailureException e) {
    return Mono.just(
        respond(
            Problems.of(
                ProblemType.STALE_VERSION,
                "the resource was changed by another request; read it again and retry")));
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  Mono<ResponseEntity<ProblemDetail>> integrity(DataIntegrityViolationException e) {
    log.debug("integrity violation", e);
    return Mono.just(
        respond(
            Problems.of(
                ProblemType.CONFLICT,
                "the change conflicts with stored data (a name already in use, or a reference"
                    + " to something that no longer exists)")));
  }

  @ExceptionHandler(Exception.class)
  Mono<ResponseEntity<ProblemDetail>> unexpected(Exception e, ServerWebExchange exchange) {
    Correlation previous = Correlation.ofAttribute(exchange.getAttribute(Correlation.KEY)).enter();
    try {
      log.error("unexpected failure", e);
    } finally {
      previous.enter();
    }
    return Mono.just(
        respond(Problems.of(ProblemType.INTERNAL, "an unexpected error occurred; see the logs")));
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
      WebExchangeBindException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    List<FieldProblem> errors =
        ex.getFieldErrors().stream()
            .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
            .toList();
    ProblemDetail body =
        Problems.of(ProblemType.VALIDATION, "the request has invalid fields", errors, Map.of());
    return Mono.just(ResponseEntity.status(body.getStatus()).headers(headers).body(body));
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleServerWebInputException(
      ServerWebInputException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    ProblemDetail body = Problems.of(ProblemType.MALFORMED_REQUEST, describe(ex));
    return Mono.just(ResponseEntity.status(body.getStatus()).headers(headers).body(body));
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      @Nullable HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    ProblemDetail problem =
        body instanceof ProblemDetail detail
            ? detail
            : ex instanceof ErrorResponse response
                ? response.getBody()
                : ProblemDetail.forStatus(status);
    problem.setType(Problems.typeFor(status).uri());
    problem.setInstance(null);
    return Mono.just(ResponseEntity.status(status).headers(headers).body(problem));
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail body) {
    return ResponseEntity.status(body.getStatus()).body(body);
  }

  private static String describe(ServerWebInputException ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof DatabindException databind) {
        String path = databind.getPathReference();
        String message = databind.getOriginalMessage();
        return "the request body cannot be read: "
            + (path != null && SECRET_FIELD.matcher(path).find() ? withoutQuoted(message) : message)
            + (path == null || path.isBlank() ? "" : " (at " + path + ")");
      }
      if (t instanceof StreamReadException syntax) {
        TokenStreamLocation at = syntax.getLocation();
        return "the request body is not valid JSON: "
            + withoutQuoted(syntax.getOriginalMessage())
            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
      }
    }
    return ex.getReason() == null ? "the request cannot be read" : ex.getReason();
  }

  /**
   * Jackson quotes the offending input; near a secret (or anywhere in broken JSON) it may be one.
   */
  private static String withoutQuoted(String message) {
    return QUOTED.matcher(message).replaceAll("'…'");
  }
}
