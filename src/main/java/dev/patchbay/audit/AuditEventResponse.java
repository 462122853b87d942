package dev.patchbay.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** One audit event as the API shows it. */
@Schema(name = "AuditEvent", description = "Who did what to which devices, when, with what result")
public record AuditEventResponse(
    long id,
    Instant occurredAt,
    @Schema(
            description = "The caller's principal, the lease holder, or 'system'",
            example = "ci-job-4711")
        String actor,
    @Schema(example = "command.execute") String action,
    List<String> devices,
    AuditOutcome outcome,
    String detail) {

  static AuditEventResponse of(AuditEvent event) {
    return new AuditEventResponse(
        event.getId(),
        event.getOccurredAt(),
        event.getActor(),
        event.getAction(),
        List.copyOf(event.getDevices()),
        AuditOutcome.valueOf(event.getOutcome()),
        event.getDetail());
  }
}
