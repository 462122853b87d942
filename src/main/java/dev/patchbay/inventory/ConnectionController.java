package dev.patchbay.inventory;

import static dev.patchbay.web.OpenApiConfiguration.PRECONDITION_FAILED;

import dev.patchbay.common.Blocking;
import dev.patchbay.web.ETagged;
import dev.patchbay.web.LeaseCredentials;
import dev.patchbay.web.ProblemResponses;
import dev.patchbay.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/devices/{device}/connections}: a device's connection definitions. ETags and {@code
 * If-Match} refer to the device's version.
 */
@RestController
@ETagged
@RequestMapping("/api/v1/devices/{device}/connections")
@Tag(name = "Connection definitions", description = "How each device is reached")
public class ConnectionController {

  private final ConnectionService service;
  private final Blocking blocking;
  private final DeviceWriteGuard guard;

  ConnectionController(ConnectionService service, Blocking blocking, DeviceWriteGuard guard) {
    this.service = service;
    this.blocking = blocking;
    this.guard = guard;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "listConnections", summary = "List a device's connection definitions")
  @ApiResponse(responseCode = "200", description = "The definitions, in order")
  @ProblemResponses.NotFound
  Mono<ResponseEntity<List<ConnectionResponse>>> list(@PathVariable String device) {
    return blocking.call(() -> service.list(device)).map(Responses::ok);
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "createConnection", summary = "Add a connection definition")
  @ApiResponse(responseCode = "201", description = "Created; ETag carries the device version")
  @ProblemResponses.Change
  Mono<ResponseEntity<ConnectionResponse>> create(
      @PathVariable String device,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody ConnectionRequest body) {
    return blocking
        .call(
            () -> {
              guard.checkWrite(device, lease);
              return service.create(device, body, ifMatch);
            })
        .map(
            v ->
                Responses.created(
                    v,
                    "/api/v1/devices/{device}/connections/{connection}",
                    device,
                    v.body().name()));
  }

  @GetMapping(path = "/{connection}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "getConnection", summary = "Read a connection definition")
  @ApiResponse(responseCode = "200", description = "The definition")
  @ProblemResponses.NotFound
  Mono<ResponseEntity<ConnectionResponse>> get(
      @PathVariable String device, @PathVariable String connection) {
    return blocking.call(() -> service.get(device, connection)).map(Responses::ok);
  }

  @PutMapping(
      path = "/{connection}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "replaceConnection",
      summary = "Replace a connection definition (a different name renames it)")
  @ApiResponse(responseCode = "200", description = "The replaced definition")
  @ProblemResponses.Change
  Mono<ResponseEntity<ConnectionResponse>> replace(
      @PathVariable String device,
      @PathVariable String connection,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody ConnectionRequest body) {
    return blocking
        .call(
            () -> {
              guard.checkWrite(device, lease);
              return service.replace(device, connection, body, ifMatch);
            })
        .map(Responses::ok);
  }

  @DeleteMapping("/{connection}")
  @Operation(operationId = "deleteConnection", summary = "Remove a connection definition")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED)
  Mono<ResponseEntity<Void>> delete(
      @PathVariable String device,
      @PathVariable String connection,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return blocking
        .run(
            () -> {
              guard.checkWrite(device, lease);
              service.delete(device, connection, ifMatch);
            })
        .thenReturn(ResponseEntity.noContent().build());
  }
}
