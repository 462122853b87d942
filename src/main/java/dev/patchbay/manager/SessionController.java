package dev.patchbay.manager;

import static dev.patchbay.web.OpenApiConfiguration.IDEMPOTENCY_KEY_PARAMETER;
import static dev.patchbay.web.OpenApiConfiguration.SERVICE_UNAVAILABLE;
import static dev.patchbay.web.OpenApiConfiguration.SESSION_LOST;
import static dev.patchbay.web.OpenApiConfiguration.TOO_MANY_REQUESTS;
import static dev.patchbay.web.OpenApiConfiguration.UNPROCESSABLE;

import dev.patchbay.audit.AsActor;
import dev.patchbay.common.Blocking;
import dev.patchbay.idempotency.IdempotentRequests;
import dev.patchbay.inventory.DeviceWriteGuard;
import dev.patchbay.security.token.TokenPrincipal;
import dev.patchbay.web.LeaseCredentials;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/devices/{device}/sessions}: live sessions of a device, and commands run on them.
 * Every call runs on a virtual thread through {@link Blocking}, on behalf of the caller's principal
 * ({@link AsActor}).
 */
@RestController
@RequestMapping("/api/v1/devices/{device}/sessions")
@Tag(name = "Sessions", description = "Live connections to a device and commands run on them")
public class SessionController {

  private final SessionService service;
  private final DeviceWriteGuard guard;
  private final Blocking blocking;
  private final AsActor asActor;
  private final IdempotentRequests idempotent;

  SessionController(
      SessionService service,
      DeviceWriteGuard guard,
      Blocking blocking,
      AsActor asActor,
      IdempotentRequests idempotent) {
    this.service = service;
    this.guard = guard;
    this.blocking = blocking;
    this.asActor = asActor;
    this.idempotent = idempotent;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "openSession",
      summary = "Open a session (one connection, or a pool) under an alias",
      description =
          "Connects, logs in and learns the prompt before answering. 409 session-exists names"
              + " the existing session; 409 line-busy when a console line is already in use.")
  @ApiResponse(responseCode = "201", description = "Opened")
  @ProblemResponses.Device
  @ApiResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
  Mono<ResponseEntity<SessionResponse>> open(
      @PathVariable String device,
      @Parameter(hidden = true) LeaseCredentials lease,
      @Parameter(ref = IDEMPOTENCY_KEY_PARAMETER)
          @RequestHeader(name = IdempotentRequests.HEADER, required = false)
          String idempotencyKey,
      @AuthenticationPrincipal TokenPrincipal caller,
      @RequestBody(required = false) OpenSessionRequest body) {
    return idempotent.once(
        idempotencyKey,
        caller,
        "POST /api/v1/devices/" + device + "/sessions",
        body,
        SessionResponse.class,
        () ->
            asActor
                .call(actor -> guarded(device, lease, () -> service.open(device, body, actor)))
                .map(session -> ResponseEntity.created(location(session)).body(session)));
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "listSessions", summary = "List the live sessions of a device")
  @ApiResponse(responseCode = "200", description = "Sessions in the order they were opened")
  @ProblemResponses.NotFound
  Mono<List<SessionResponse>> list(@PathVariable String device) {
    return blocking.call(() -> service.list(device));
  }

  @GetMapping(path = "/{alias}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "getSession", summary = "Read a session: state, pool and failure")
  @ApiResponse(responseCode = "200", description = "The session")
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "410", ref = SESSION_LOST)
  Mono<SessionResponse> get(@PathVariable String device, @PathVariable String alias) {
    return blocking.call(() -> service.get(device, alias));
  }

  @DeleteMapping("/{alias}")
  @Operation(operationId = "closeSession", summary = "Close a session and its connections")
  @ApiResponse(responseCode = "204", description = "Closed")
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "410", ref = SESSION_LOST)
  Mono<ResponseEntity<Void>> close(
      @PathVariable String device,
      @PathVariable String alias,
      @Parameter(hidden = true) LeaseCredentials lease) {
    return asActor
        .run(
            actor -> {
              guard.checkWrite(device, lease);
              service.close(device, alias, actor);
            })
        .thenReturn(ResponseEntity.noContent().build());
  }

  @PostMapping(
      path = "/{alias}/execute",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "executeCommand",
      summary = "Run one command and return its output",
      description =
          "Calls on one connection are serialised; on a pool the call takes a free member."
              + " A timeout problem carries the output received so far.")
  @ApiResponse(responseCode = "200", description = "The command's output")
  @ProblemResponses.Device
  @ApiResponse(responseCode = "410", ref = SESSION_LOST)
  @ApiResponse(responseCode = "422", ref = UNPROCESSABLE)
  Mono<ExecuteCommandResponse> execute(
      @PathVariable String device,
      @PathVariable String alias,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestBody ExecuteCommandRequest body) {
    return asActor.call(
        actor -> guarded(device, lease, () -> service.execute(device, alias, body, actor)));
  }

  @PostMapping(
      path = "/{alias}/execute-batch",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "executeBatch",
      summary = "Run several commands in order",
      description =
          "Each result is ok with its output, or failed with a problem type. With stopOnError"
              + " (default) the commands after a failure are not run.")
  @ApiResponse(responseCode = "200", description = "One result per command run")
  @ProblemResponses.Body
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "410", ref = SESSION_LOST)
  @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
  Mono<ExecuteBatchResponse> executeBatch(
      @PathVariable String device,
      @PathVariable String alias,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestBody ExecuteBatchRequest body) {
    return asActor.call(
        actor -> guarded(device, lease, () -> service.executeBatch(device, alias, body, actor)));
  }

  @PostMapping(
      path = "/{alias}/configure",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "configureDevice",
      summary = "Apply configuration lines",
      description =
          "Enters configuration mode, sends the lines in order and returns to enable mode. A"
              + " rejected line stops the configuration: 422 command-error with 'line' (1-based),"
              + " 'command' and 'output'.")
  @ApiResponse(responseCode = "200", description = "Applied")
  @ProblemResponses.Device
  @ApiResponse(responseCode = "410", ref = SESSION_LOST)
  @ApiResponse(responseCode = "422", ref = UNPROCESSABLE)
  Mono<ConfigureDeviceResponse> configure(
      @PathVariable String device,
      @PathVariable String alias,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestBody ConfigureDeviceRequest body) {
    return asActor.call(
        actor -> guarded(device, lease, () -> service.configure(device, alias, body, actor)));
  }

  /** Runs {@code call} if the guard allows writing to the device. */
  private <T> T guarded(String device, LeaseCredentials lease, Supplier<T> call) {
    guard.checkWrite(device, lease);
    return call.get();
  }

  private static URI location(SessionResponse session) {
    return UriComponentsBuilder.fromPath("/api/v1/devices/{device}/sessions/{alias}")
        .buildAndExpand(session.device(), session.alias())
        .toUri();
  }
}
