package dev.patchbay.hostkey;

import dev.patchbay.audit.AsActor;
import dev.patchbay.common.Blocking;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/devices/{device}/connections/{connection}/host-key}: the SSH host key pinned for a
 * connection definition; an operator pins one (for {@code strict}) or forgets it to accept a
 * legitimately changed key.
 */
@RestController
@RequestMapping("/api/v1/devices/{device}/connections/{connection}/host-key")
@Tag(name = "Host keys", description = "SSH host keys pinned per connection definition")
public class HostKeyController {

  private final PinnedHostKeys service;
  private final Blocking blocking;
  private final AsActor asActor;

  HostKeyController(PinnedHostKeys service, Blocking blocking, AsActor asActor) {
    this.service = service;
    this.blocking = blocking;
    this.asActor = asActor;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getHostKey",
      summary = "Read the SSH host key pinned for a connection definition")
  @ApiResponse(responseCode = "200", description = "The pinned key")
  @ProblemResponses.NotFound
  Mono<HostKeyResponse> get(@PathVariable String device, @PathVariable String connection) {
    return blocking.call(() -> service.get(device, connection));
  }

  @PutMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "pinHostKey",
      summary = "Pin an SSH host key by its fingerprint",
      description =
          "Replaces any pinned key. Needed before connecting with host_key_policy strict, which"
              + " refuses unpinned keys.")
  @ApiResponse(responseCode = "200", description = "Pinned")
  @ProblemResponses.Body
  @ProblemResponses.NotFound
  Mono<HostKeyResponse> pin(
      @PathVariable String device,
      @PathVariable String connection,
      @RequestBody HostKeyRequest body) {
    return asActor.call(actor -> service.pin(device, connection, body, actor));
  }

  @DeleteMapping
  @Operation(
      operationId = "forgetHostKey",
      summary = "Forget the pinned SSH host key",
      description =
          "The next connection pins the key the device presents (trust on first use). Use it when"
              + " a device's key changed legitimately and connections fail with host-key-mismatch.")
  @ApiResponse(responseCode = "204", description = "Forgotten")
  @ProblemResponses.NotFound
  Mono<ResponseEntity<Void>> forget(@PathVariable String device, @PathVariable String connection) {
    return asActor
        .run(actor -> service.forget(device, connection, actor))
        .thenReturn(ResponseEntity.noContent().build());
  }
}
