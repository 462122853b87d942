package dev.patchbay.audit;

import dev.patchbay.common.Blocking;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/v1/audit}: the audit trail, newest first. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who did what to which device, when, with what result")
public class AuditController {

  private final AuditService service;
  private final Blocking blocking;

  AuditController(AuditService service, Blocking blocking) {
    this.service = service;
    this.blocking = blocking;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listAuditEvents",
      summary =
          "List audit events, newest first, filtered by device, actor, action, outcome and time")
  @ApiResponse(responseCode = "200", description = "One page of audit events")
  @ProblemResponses.Query
  Mono<PageResponse<AuditEventResponse>> list(
      @Parameter(description = "Device name") @RequestParam(required = false) String device,
      @Parameter(description = "Actor: the caller's principal name, or 'system'")
          @RequestParam(required = false)
          String actor,
      @Parameter(
              description =
                  "Action, e.g. 'command.execute', or a prefix ending in '*', e.g. 'session.*'")
          @RequestParam(required = false)
          String action,
      @Parameter(description = "Outcome") @RequestParam(required = false) AuditOutcome outcome,
      @Parameter(description = "From this instant (inclusive), ISO-8601")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @Parameter(description = "Until this instant (exclusive), ISO-8601")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
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
    AuditService.Filter filter = new AuditService.Filter(device, actor, action, outcome, from, to);
    return blocking.call(() -> service.list(filter, page, size));
  }
}
