package dev.patchbay.api;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Stable kinds of failure. Each has a {@code type} URI (RFC 7807), an HTTP status and a title;
 * clients switch on the URI, never on the detail text.
 */
public enum ProblemType {
  VALIDATION("validation", HttpStatus.BAD_REQUEST, "Invalid request"),
  MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request body"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type"),
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Representation not available"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Missing or invalid API token"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed for this token"),
  AUTH_RATE_LIMITED(
      "auth-rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many failed authentications"),
  CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
  STALE_VERSION("stale-version", HttpStatus.CONFLICT, "Stale version"),
  PRECONDITION_FAILED(
      "precondition-failed", HttpStatus.PRECONDITION_FAILED, "Resource changed since it was read"),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
  REQUEST_REJECTED("request-rejected", HttpStatus.BAD_REQUEST, "Request refused by the firewall"),
  URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG, "Request line too long"),
  HEADERS_TOO_LARGE(
      "headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
  INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
  DEVICE_UNREACHABLE("device-unreachable", HttpStatus.BAD_GATEWAY, "Device unreachable"),
  AUTH_FAILED("auth-failed", HttpStatus.BAD_GATEWAY, "Device refused the credentials"),
  SSH_NEGOTIATION_FAILED(
      "ssh-negotiation-failed",
      HttpStatus.BAD_GATEWAY,
      "Device and Patchbay share no SSH algorithm"),
  PROTOCOL_ERROR(
      "protocol-error", HttpStatus.BAD_GATEWAY, "Device does not speak the expected protocol"),
  HOST_KEY_MISMATCH(
      "host-key-mismatch", HttpStatus.BAD_GATEWAY, "Device host key does not match the pinned key"),
  TIMEOUT("timeout", HttpStatus.GATEWAY_TIMEOUT, "Device did not answer in time"),
  PROMPT_NOT_FOUND("prompt-not-found", HttpStatus.BAD_GATEWAY, "Device prompt not recognised"),
  COMMAND_ERROR("command-error", HttpStatus.UNPROCESSABLE_CONTENT, "Device rejected the command"),
  PARSE_FAILED(
      "parse-failed",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Output could not be parsed by the template"),
  CLOSED("closed", HttpStatus.CONFLICT, "Connection is closed"),
  SECRET_UNREADABLE(
      "secret-unreadable",
      HttpStatus.CONFLICT,
      "A stored secret cannot be decrypted with the configured master keys"),
  LEASE_CONFLICT("lease-conflict", HttpStatus.CONFLICT, "Devices are leased"),
  LOCKED("locked", HttpStatus.LOCKED, "Device is leased"),
  STALE_FENCING_TOKEN("stale-fencing-token", HttpStatus.CONFLICT, "Stale fencing token"),
  LEASE_TOKEN("lease-token", HttpStatus.FORBIDDEN, "Wrong lease token"),
  IDEMPOTENCY_KEY_REUSED(
      "idempotency-key-reused",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Idempotency key used for another request"),
  IDEMPOTENCY_IN_PROGRESS(
      "idempotency-in-progress",
      HttpStatus.CONFLICT,
      "The first request with this idempotency key is still running"),
  LEASE_ENDED("lease-ended", HttpStatus.GONE, "Lease ended"),
  SESSION_NOT_FOUND("session-not-found", HttpStatus.NOT_FOUND, "No such session"),
  SESSION_LOST(
      "session-lost",
      HttpStatus.GONE,
      "The instance holding the session is gone; open a new session"),
  OWNED_ELSEWHERE(
      "owned-elsewhere", HttpStatus.CONFLICT, "Device's sessions live on another instance"),
  SESSION_EXISTS("session-exists", HttpStatus.CONFLICT, "Session alias already in use"),
  LINE_BUSY("line-busy", HttpStatus.CONFLICT, "Console line already in use"),
  DEVICE_SESSIONS_LIVE("device-sessions-live", HttpStatus.CONFLICT, "Device has live sessions"),
  TOO_MANY_CONNECTIONS(
      "too-many-connections", HttpStatus.TOO_MANY_REQUESTS, "Too many connections to the device"),
  CAPACITY_EXHAUSTED(
      "capacity-exhausted", HttpStatus.SERVICE_UNAVAILABLE, "Instance connection limit reached"),
  POOL_EXHAUSTED("pool-exhausted", HttpStatus.SERVICE_UNAVAILABLE, "No pool member became free"),
  SHUTTING_DOWN("shutting-down", HttpStatus.SERVICE_UNAVAILABLE, "Service is shutting down");

  private static final String BASE = "https://patchbay.dev/problems/";

  private final String slug;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  /** The last segment of the type URI, e.g. {@code session-not-found}. */
  public String slug() {
    return slug;
  }

  public URI uri() {
    return URI.create(BASE + slug);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
