package dev.patchbay.lease;

import static dev.patchbay.web.OpenApiConfiguration.BAD_REQUEST;
import static dev.patchbay.web.OpenApiConfiguration.IDEMPOTENCY_KEY_PARAMETER;
import static dev.patchbay.web.OpenApiConfiguration.IDEMPOTENCY_KEY_REUSED;
import static dev.patchbay.web.OpenApiConfiguration.LEASE_CONFLICT;
import static dev.patchbay.web.OpenApiConfiguration.LEASE_ENDED;
import static dev.patchbay.web.OpenApiConfiguration.LEASE_PARAMETER;
import static dev.patchbay.web.OpenApiConfiguration.LEASE_PARAMETER_REQUIRED;
import static dev.patchbay.web.OpenApiConfiguration.LEASE_TOKEN;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.common.Blocking;
import dev.patchbay.common.JdbcThreads;
import dev.patchbay.idempotency.IdempotentRequests;
import dev.patchbay.security.access.ScopeCheck;
import dev.patchbay.security.token.Role;
import dev.patchbay.security.token.TokenPrincipal;
import dev.patchbay.web.LeaseCredentials;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/v1/leases}: exclusive, expiring use of devices by CI jobs. */
@RestController
@RequestMapping("/api/v1/leases")
@Tag(name = "Leases", description = "Exclusive, expiring use of devices")
public class LeaseController {

  private final LeaseService service;
  private final Blocking blocking;
  private final JdbcThreads jdbcThreads;
  private final ScopeCheck scope;
  private final IdempotentRequests idempotent;

  LeaseController(
      LeaseService service,
      Blocking blocking,
      JdbcThreads jdbcThreads,
      ScopeCheck scope,
      IdempotentRequests idempotent) {
    this.service = service;
    this.blocking = blocking;
    this.jdbcThreads = jdbcThreads;
    this.scope = scope;
    this.idempotent = idempotent;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "acquireLease",
      summary = "Lease devices, all or none, waiting up to waitSeconds for busy ones",
      description =
          "Grants every named device (or every device of the testbed) or none. Busy devices are"
              + " waited for up to 'waitSeconds', first come first served; then 409 names the"
              + " device, its holder and when that lease expires. The token is shown only here.")
  @ApiResponse(responseCode = "201", description = "Granted; the only response with the token")
  @ProblemResponses.Body
  @ApiResponse(responseCode = "409", ref = LEASE_CONFLICT)
  @ApiResponse(responseCode = "422", ref = IDEMPOTENCY_KEY_REUSED)
  Mono<ResponseEntity<LeaseResponse>> acquire(
      @RequestBody LeaseRequest body,
      @Parameter(ref = IDEMPOTENCY_KEY_PARAMETER)
          @RequestHeader(name = IdempotentRequests.HEADER, required = false)
          String idempotencyKey,
      @AuthenticationPrincipal TokenPrincipal caller) {
    return scope
        .reaches(caller, body.testbed(), body.devices())
        .then(
            idempotent.once(
                idempotencyKey,
                caller,
                "POST /api/v1/leases",
                body,
                LeaseResponse.class,
                () ->
                    service
                        .acquire(body)
                        .map(
                            lease ->
                                ResponseEntity.created(URI.create("/api/v1/leases/" + lease.id()))
                                    .body(lease))));
  }

  @PostMapping(
      path = "/{id}/renew",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "renewLease",
      summary = "Extend a lease to ttlSeconds from now (at most patchbay.lease.max-ttl)")
  @ApiResponse(responseCode = "200", description = "The renewed lease")
  @ProblemResponses.Body
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "403", ref = LEASE_TOKEN)
  @ApiResponse(responseCode = "410", ref = LEASE_ENDED)
  Mono<LeaseResponse> renew(
      @PathVariable long id,
      @Parameter(ref = LEASE_PARAMETER_REQUIRED)
          @RequestHeader(name = LeaseCredentials.LEASE_HEADER, required = false)
          String lease,
      @RequestBody(required = false) RenewRequest body) {
    return jdbcThreads.call(() -> service.renew(id, lease, body));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "releaseLease",
      summary = "Release a lease; waiting requests go next",
      description =
          "Needs the lease's own 'Patchbay-Lease' header; an ADMIN token may instead end any"
              + " lease with force=true (audited as lease.force-release, endReason FORCED).")
  @ApiResponse(responseCode = "204", description = "Released (or had already ended)")
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = LEASE_TOKEN)
  Mono<ResponseEntity<Void>> release(
      @PathVariable long id,
      @Parameter(ref = LEASE_PARAMETER)
          @RequestHeader(name = LeaseCredentials.LEASE_HEADER, required = false)
          String lease,
      @Parameter(description = "End the lease without its token (ADMIN only)")
          @RequestParam(defaultValue = "false")
          boolean force,
      @AuthenticationPrincipal TokenPrincipal caller) {
    if (force && caller.role() != Role.ADMIN) {
      return Mono.error(
          new PatchbayException(
              ProblemType.FORBIDDEN,
              "force=true needs role ADMIN; token '"
                  + caller.name()
                  + "' has role "
                  + caller.role()));
    }
    Runnable release =
        force ? () -> service.forceRelease(id, caller.name()) : () -> service.release(id, lease);
    return jdbcThreads.run(release).thenReturn(ResponseEntity.noContent().build());
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getLease",
      summary = "Read a lease (without its token)",
      description =
          "A testbed-scoped token reads only a lease whose devices all belong to its testbeds;"
              + " any other is answered 404 as if absent.")
  @ApiResponse(responseCode = "200", description = "The lease")
  @ProblemResponses.NotFound
  Mono<LeaseResponse> get(@PathVariable long id, @AuthenticationPrincipal TokenPrincipal caller) {
    return blocking.call(() -> service.get(id, caller.testbeds()));
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listLeases",
      summary = "List leases, newest first, by device, holder and whether active",
      description =
          "A testbed-scoped token sees only leases whose devices all belong to its testbeds.")
  @ApiResponse(responseCode = "200", description = "One page of leases, without tokens")
  @ProblemResponses.Query
  Mono<PageResponse<LeaseResponse>> list(
      @Parameter(description = "Device name") @RequestParam(required = false) String device,
      @Parameter(description = "Holder") @RequestParam(required = false) String holder,
      @Parameter(description = "Only leases that hold (true) or no longer hold (false) devices")
          @RequestParam(required = false)
          Boolean active,
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
          int size,
      @AuthenticationPrincipal TokenPrincipal caller) {
    LeaseService.Filter filter = new LeaseService.Filter(device, holder, active);
    return blocking.call(() -> service.list(filter, caller.testbeds(), page, size));
  }
}
