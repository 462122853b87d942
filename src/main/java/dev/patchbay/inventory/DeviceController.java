package dev.patchbay.inventory;

import static dev.patchbay.web.OpenApiConfiguration.PRECONDITION_FAILED;

import dev.patchbay.common.Blocking;
import dev.patchbay.web.ETagged;
import dev.patchbay.web.LeaseCredentials;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.ProblemResponses;
import dev.patchbay.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.Callable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/devices}: devices with their credentials and connection definitions. */
@RestController
@ETagged
@RequestMapping("/api/v1/devices")
@Tag(name = "Devices", description = "Lab devices and how to reach them")
public class DeviceController {

  static final String MERGE_PATCH = "application/merge-patch+json";

  private final DeviceService service;
  private final Blocking blocking;
  private final DeviceWriteGuard guard;

  DeviceController(DeviceService service, Blocking blocking, DeviceWriteGuard guard) {
    this.service = service;
    this.blocking = blocking;
    this.guard = guard;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "listDevices", summary = "List devices, filtered and paged by name")
  @ApiResponse(responseCode = "200", description = "One page of devices")
  @ProblemResponses.Query
  Mono<PageResponse<DeviceResponse>> list(
      @Parameter(description = "Testbed name") @RequestParam(required = false) String testbed,
      @RequestParam(required = false) String os,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String role,
      @Parameter(description = "Name glob: '*' any run, '?' one character", example = "r*")
          @RequestParam(required = false)
          String name,
      @RequestParam(defaultValue = "0") int page,
      @Parameter(
              schema =
                  @Schema(
                      type = "integer",
                      format = "int32",
                      minimum = "1",
                      maximum = "500",
                      defaultValue = "50"))
          @RequestParam(defaultValue = "50")
          int size) {
    DeviceService.Filter filter = new DeviceService.Filter(testbed, os, type, role, name);
    return blocking.call(() -> service.list(filter, page, size));
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createDevice",
      summary = "Create a device, optionally with credentials and connection definitions")
  @ApiResponse(responseCode = "201", description = "Created; ETag carries the version")
  @ProblemResponses.Create
  Mono<ResponseEntity<DeviceResponse>> create(@RequestBody DeviceRequest body) {
    return blocking
        .call(() -> service.create(body))
        .map(v -> Responses.created(v, "/api/v1/devices/{name}", v.body().name()));
  }

  @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "getDevice", summary = "Read a device")
  @ApiResponse(responseCode = "200", description = "The device; ETag carries the version")
  @ProblemResponses.NotFound
  Mono<ResponseEntity<DeviceResponse>> get(@PathVariable String name) {
    return blocking.call(() -> service.get(name)).map(Responses::ok);
  }

  @PutMapping(
      path = "/{name}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "replaceDevice",
      summary = "Replace a device",
      description =
          "Replaces every attribute. 'credentials' and 'connections', when present, replace the"
              + " whole set; when absent they stay unchanged. A masked secret keeps the stored"
              + " one.")
  @ApiResponse(responseCode = "200", description = "The replaced device")
  @ProblemResponses.Change
  Mono<ResponseEntity<DeviceResponse>> replace(
      @PathVariable String name,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody DeviceRequest body) {
    return blocking
        .call(() -> guarded(name, lease, () -> service.replace(name, body, ifMatch)))
        .map(Responses::ok);
  }

  @PatchMapping(
      path = "/{name}",
      consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE},
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "patchDevice",
      summary = "Change some attributes of a device (JSON merge patch, RFC 7386)")
  @ApiResponse(responseCode = "200", description = "The patched device")
  @ProblemResponses.Change
  Mono<ResponseEntity<DeviceResponse>> patch(
      @PathVariable String name,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @io.swagger.v3.oas.annotations.media.Content(
                      schema = @Schema(implementation = DeviceRequest.class)))
          @RequestBody
          JsonNode patch) {
    return blocking
        .call(() -> guarded(name, lease, () -> service.patch(name, patch, ifMatch)))
        .map(Responses::ok);
  }

  @DeleteMapping("/{name}")
  @Operation(
      operationId = "deleteDevice",
      summary = "Delete a device and its definitions",
      description =
          "Refused (409 device-sessions-live) while the device has live sessions, unless"
              + " force=true, which closes them first.")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ProblemResponses.Delete
  Mono<ResponseEntity<Void>> delete(
      @PathVariable String name,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Parameter(description = "Close the device's live sessions instead of refusing")
          @RequestParam(defaultValue = "false")
          boolean force) {
    return blocking
        .run(
            () -> {
              guard.checkWrite(name, lease);
              service.delete(name, ifMatch, force);
            })
        .thenReturn(ResponseEntity.noContent().build());
  }

  @PutMapping(
      path = "/{name}/credentials/{credential}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "supplyDeviceSecret",
      summary = "Supply the secret of a device credential (e.g. one marked ASK)",
      description = "Creates the credential when missing; null fields keep the stored values.")
  @ApiResponse(responseCode = "200", description = "The device, secrets masked")
  @ProblemResponses.Body
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED)
  Mono<ResponseEntity<DeviceResponse>> supplySecret(
      @PathVariable String name,
      @PathVariable String credential,
      @Parameter(hidden = true) LeaseCredentials lease,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody CredentialRequest body) {
    return blocking
        .call(
            () -> guarded(name, lease, () -> service.supplySecret(name, credential, body, ifMatch)))
        .map(Responses::ok);
  }

  /** Runs {@code change} if the guard allows writing to the device. */
  private <T> T guarded(String name, LeaseCredentials lease, Callable<T> change) throws Exception {
    guard.checkWrite(name, lease);
    return change.call();
  }
}
