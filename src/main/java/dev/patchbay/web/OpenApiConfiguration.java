package dev.patchbay.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI description of the service. Declares the {@code Problem} schema and the shared error
 * responses that operations reference as {@code #/components/responses/<name>}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  /** Reference to the shared 400 response. */
  public static final String BAD_REQUEST = "#/components/responses/BadRequest";

  /** Reference to the shared 404 response. */
  public static final String NOT_FOUND = "#/components/responses/NotFound";

  /** Reference to the shared 409 response. */
  public static final String CONFLICT = "#/components/responses/Conflict";

  /** Reference to the shared 412 response. */
  public static final String PRECONDITION_FAILED = "#/components/responses/PreconditionFailed";

  /** Reference to the shared 415 response. */
  public static final String UNSUPPORTED_MEDIA_TYPE = "#/components/responses/UnsupportedMediaType";

  /** Reference to the 409 response of a refused lease request (who holds what until when). */
  public static final String LEASE_CONFLICT = "#/components/responses/LeaseConflict";

  /** Reference to the shared 423 response: the device is leased by someone else. */
  public static final String LOCKED = "#/components/responses/Locked";

  /** Reference to the 403 response of a wrong or missing lease token. */
  public static final String LEASE_TOKEN = "#/components/responses/LeaseToken";

  /** Reference to the 410 response of a renewal after the lease ended. */
  public static final String LEASE_ENDED = "#/components/responses/LeaseEnded";

  /** Reference to the {@code Patchbay-Lease} header parameter. */
  public static final String LEASE_PARAMETER = "#/components/parameters/PatchbayLease";

  /** Reference to the {@code Idempotency-Key} header parameter of creating POSTs. */
  public static final String IDEMPOTENCY_KEY_PARAMETER = "#/components/parameters/IdempotencyKey";

  /** Reference to the 422 response of an idempotency key reused for another request. */
  public static final String IDEMPOTENCY_KEY_REUSED = "#/components/responses/IdempotencyKeyReused";

  /** Reference to the {@code Patchbay-Lease} header parameter where it is always required. */
  public static final String LEASE_PARAMETER_REQUIRED =
      "#/components/parameters/PatchbayLeaseRequired";

  /** Reference to the {@code Patchbay-Fencing-Token} header parameter. */
  public static final String FENCING_PARAMETER = "#/components/parameters/PatchbayFencingToken";

  /** Reference to the shared 422 response (the device rejected a command). */
  public static final String UNPROCESSABLE = "#/components/responses/Unprocessable";

  /** Reference to the shared 429 response. */
  public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";

  /** Reference to the shared 502 response (the device could not be used). */
  public static final String BAD_GATEWAY = "#/components/responses/BadGateway";

  /** Reference to the shared 503 response. */
  public static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";

  /** Reference to the shared 504 response (the device did not answer in time). */
  public static final String GATEWAY_TIMEOUT = "#/components/responses/GatewayTimeout";

  /** Reference to the shared 410 response (the instance holding the session is gone). */
  public static final String SESSION_LOST = "#/components/responses/SessionLost";

  /** Reference to the shared 401 response. */
  public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";

  /** Reference to the shared 403 response of a token whose role or testbeds do not allow it. */
  public static final String FORBIDDEN = "#/components/responses/Forbidden";

  /** Name of the bearer-token security scheme. */
  public static final String BEARER = "bearer";

  private static final String PROBLEM_JSON = "application/problem+json";

  @Bean
  OpenAPI patchbayOpenApi() {
    return new OpenAPI()
        .servers(
            List.of(
                new Server()
                    .url("/")
                    .description(
                        "The Patchbay instance serving this document (e.g."
                            + " http://127.0.0.1:8080)")))
        .info(
            new Info()
                .title("Patchbay API")
                .version("v1")
                .description(
                    "Inventory of lab testbeds, devices and their connection definitions, and"
                        + " brokered live SSH, Telnet and serial sessions. Errors are RFC 7807"
                        + " problem documents with a stable `type`. Secrets are write-only:"
                        + " responses show `*****`, and sending `*****` back keeps the stored"
                        + " secret. Unknown request fields are ignored, so a response can be"
                        + " edited and sent back.\n\n"
                        + "Web terminal (not an HTTP operation): a WebSocket at"
                        + " `/ws/v1/devices/{device}/sessions/{alias}/terminal` attaches a viewer"
                        + " to a live session (`?open=true&via=NAME` opens it first; the viewer is"
                        + " named after the API token). Binary frames carry raw terminal bytes both ways;"
                        + " text frames carry JSON control messages: client `request-write`,"
                        + " `release-write`, `resize {cols, rows}`; server `status` (state, writer"
                        + " or `automation`, viewers) and `error` (code, message, skippedBytes)."
                        + " One writer at a time; slow viewers are skipped forward and told."
                        + " See docs/terminal-protocol.md. Sessions are recorded (asciicast v2):"
                        + " see the Recordings operations.\n\n"
                        + "Every operation needs an API token ('Authorization: Bearer <token>')"
                        + " whose role (VIEWER < OPERATOR < ADMIN) is named in its description;"
                        + " the terminal WebSocket takes the header or a single-use"
                        + " `?ticket=` from POST /api/v1/auth/tickets.")
                .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER))
        .components(
            new Components()
                .addHeaders(
                    "Location",
                    new Header()
                        .description("Where the created (or accepted) resource is read")
                        .schema(new StringSchema().format("uri-reference")))
                .addHeaders(
                    "ETag",
                    new Header()
                        .description(
                            "The resource version as a strong entity tag; send it as If-Match"
                                + " (weak W/ tags never match)")
                        .schema(new StringSchema().example("\"3\"")))
                .addParameters(
                    "PatchbayLeaseRequired",
                    new HeaderParameter()
                        .name("Patchbay-Lease")
                        .required(true)
                        .description("The lease as '<leaseId>:<token>' (the token from its 201)")
                        .schema(new StringSchema().example("17:<token>")))
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An API token (POST /api/v1/tokens, or the bootstrap admin token):"
                                + " 'Authorization: Bearer <token>'"))
                .addResponses(
                    "Unauthorized",
                    error(
                        "No API token, or an unknown, expired or revoked one (unauthorized);"
                            + " 429 auth-rate-limited after repeated failures"))
                .addResponses(
                    "Forbidden",
                    error("The token's role or testbeds do not allow this (forbidden)"))
                .addSchemas("FieldProblem", fieldProblem())
                .addSchemas("Problem", problem())
                .addSchemas("LeaseProblem", leaseProblem())
                .addResponses("BadRequest", error("Invalid or malformed request"))
                .addResponses("NotFound", error("No such resource"))
                .addResponses(
                    "SessionLost",
                    error(
                        "The instance that held the session stopped answering (session-lost):"
                            + " the session is gone for good; open a new one"))
                .addResponses(
                    "Conflict",
                    error(
                        "Name already in use, stale version, dependent data or a stale fencing"
                            + " token"))
                .addResponses(
                    "PreconditionFailed", error("If-Match does not name the current version"))
                .addResponses("UnsupportedMediaType", error("Unsupported request content type"))
                .addResponses(
                    "LeaseConflict",
                    error(
                        "A device is leased: the problem names it ('device'), its 'holder' and"
                            + " when that lease expires ('expiresAt')",
                        "LeaseProblem"))
                .addResponses(
                    "Locked",
                    error(
                        "The device is leased and the request does not present that lease",
                        "LeaseProblem"))
                .addResponses(
                    "LeaseToken",
                    error(
                        "lease-token: the Patchbay-Lease header is missing, malformed or not"
                            + " this lease's token (not a role refusal, which is 'forbidden')"))
                .addResponses(
                    "IdempotencyKeyReused",
                    error(
                        "idempotency-key-reused: the Idempotency-Key was used with another route"
                            + " or body"))
                .addParameters(
                    "IdempotencyKey",
                    new HeaderParameter()
                        .name("Idempotency-Key")
                        .description(
                            "Makes the request safe to retry: the same key, token and body within"
                                + " patchbay.idempotency.retention answer the first response"
                                + " again (with 'Idempotent-Replayed: true'); another body is"
                                + " refused (422 idempotency-key-reused); while the first still"
                                + " runs, 409 idempotency-in-progress.")
                        .schema(new StringSchema().minLength(1).maxLength(255)))
                .addResponses("LeaseEnded", error("The lease has ended"))
                .addParameters(
                    "PatchbayLease",
                    new HeaderParameter()
                        .name("Patchbay-Lease")
                        .description(
                            "The caller's lease as '<leaseId>:<token>'. Required for changes to"
                                + " a leased device and to renew or release a lease.")
                        .schema(new StringSchema().example("17:<token>")))
                .addParameters(
                    "PatchbayFencingToken",
                    new HeaderParameter()
                        .name("Patchbay-Fencing-Token")
                        .description(
                            "The fencing token of the caller's lease; a token older than the"
                                + " device's latest grant is refused (409 stale-fencing-token).")
                        .schema(new IntegerSchema().format("int64")))
                .addResponses(
                    "Unprocessable",
                    error("The device rejected a command (command-error: output, line)"))
                .addResponses(
                    "TooManyRequests", error("Per-device connection limit (too-many-connections)"))
                .addResponses(
                    "BadGateway",
                    error(
                        "The device could not be used: device-unreachable, auth-failed,"
                            + " ssh-negotiation-failed, protocol-error, host-key-mismatch,"
                            + " prompt-not-found"))
                .addResponses(
                    "ServiceUnavailable",
                    error("capacity-exhausted, pool-exhausted or shutting-down"))
                .addResponses(
                    "GatewayTimeout",
                    error("The device did not answer in time (timeout, with the output so far)")));
  }

  private static Schema<?> problem() {
    return new ObjectSchema()
        .description("RFC 7807 problem document")
        .addProperty(
            "type",
            new StringSchema().format("uri").example("https://patchbay.dev/problems/validation"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri"))
        .addProperty(
            "errors",
            new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldProblem")));
  }

  /** A problem about a leased device: which, who holds it, until when. */
  private static Schema<?> leaseProblem() {
    return new ComposedSchema()
        .addAllOfItem(new Schema<>().$ref("#/components/schemas/Problem"))
        .addAllOfItem(
            new ObjectSchema()
                .addProperty("device", new StringSchema().example("r1"))
                .addProperty("holder", new StringSchema().example("ci-job-4711"))
                .addProperty("expiresAt", new StringSchema().format("date-time"))
                .addProperty(
                    "currentFencingToken",
                    new IntegerSchema()
                        .format("int64")
                        .description("The device's latest fencing token (stale-fencing-token)")))
        .description("A problem about a leased device");
  }

  private static Schema<?> fieldProblem() {
    return new ObjectSchema()
        .addProperty("field", new StringSchema().example("connections[0].port"))
        .addProperty("line", new IntegerSchema())
        .addProperty("message", new StringSchema().example("must be between 1 and 65535"));
  }

  private static ApiResponse error(String description) {
    return error(description, "Problem");
  }

  private static ApiResponse error(String description, String schema) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
  }
}
