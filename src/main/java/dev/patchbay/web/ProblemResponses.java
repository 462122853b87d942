package dev.patchbay.web;

import static dev.patchbay.web.OpenApiConfiguration.BAD_GATEWAY;
import static dev.patchbay.web.OpenApiConfiguration.BAD_REQUEST;
import static dev.patchbay.web.OpenApiConfiguration.CONFLICT;
import static dev.patchbay.web.OpenApiConfiguration.GATEWAY_TIMEOUT;
import static dev.patchbay.web.OpenApiConfiguration.NOT_FOUND;
import static dev.patchbay.web.OpenApiConfiguration.PRECONDITION_FAILED;
import static dev.patchbay.web.OpenApiConfiguration.SERVICE_UNAVAILABLE;
import static dev.patchbay.web.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error responses that operations share, as composed annotations: one names the set an
 * operation answers instead of repeating an {@code @ApiResponse(ref = ...)} per status. Springdoc
 * finds {@link ApiResponse} as a meta-annotation; {@link ResponseOrderCustomizer} keeps the
 * document's order independent of how the sets are composed. Add an operation's own extra responses
 * with plain {@code @ApiResponse} beside a set.
 */
public final class ProblemResponses {

  private ProblemResponses() {}

  /** 404: the path names a resource that may not exist. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(responseCode = "404", ref = NOT_FOUND)
  public @interface NotFound {}

  /** 400: a listing whose filters or paging can be invalid. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
  public @interface Query {}

  /** 400 and 415: the operation reads a JSON request body. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  public @interface Body {}

  /** Creating a named resource from a body: invalid, or the name is taken (409). */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
  @ApiResponse(responseCode = "409", ref = CONFLICT)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  public @interface Create {}

  /**
   * Changing a versioned resource from a body: invalid, missing, a stale version or dependent data
   * (409), or an If-Match that does not name the current version (412).
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
  @ApiResponse(responseCode = "404", ref = NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = CONFLICT)
  @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  public @interface Change {}

  /** Deleting a versioned resource: missing, still in use (409), or If-Match mismatch (412). */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(responseCode = "404", ref = NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = CONFLICT)
  @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED)
  public @interface Delete {}

  /**
   * Working a live device from a body: invalid, no such device or session, a conflict such as an
   * existing session, a busy line or a stale fencing token (409), or the device could not be used
   * (502), capacity ran out (503) or the device did not answer in time (504).
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
  @ApiResponse(responseCode = "404", ref = NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = CONFLICT)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  @ApiResponse(responseCode = "502", ref = BAD_GATEWAY)
  @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
  @ApiResponse(responseCode = "504", ref = GATEWAY_TIMEOUT)
  public @interface Device {}
}
