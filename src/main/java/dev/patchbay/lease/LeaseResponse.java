package dev.patchbay.lease;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A lease as the API shows it; {@code token} only in the response that created it. */
@Schema(name = "Lease", description = "Exclusive use of devices until expiresAt")
public record LeaseResponse(
    long id,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
            description =
                "Secret for renew, release and device writes (header 'Patchbay-Lease:"
                    + " <id>:<token>'); returned only on creation")
        String token,
    @Schema(
            description =
                "Larger than every earlier fencing token of each of the devices; send it as"
                    + " 'Patchbay-Fencing-Token' so that a stale holder's writes are refused",
            example = "42")
        long fencingToken,
    List<String> devices,
    String holder,
    String reason,
    Instant grantedAt,
    Instant expiresAt,
    Instant endedAt,
    LeaseEndReason endReason,
    @Schema(description = "Holds its devices now") boolean active) {

  static LeaseResponse of(Lease lease, String token, Instant now) {
    return new LeaseResponse(
        lease.getId(),
        token,
        lease.getFencingToken(),
        List.copyOf(lease.getDevices()),
        lease.getHolder(),
        lease.getReason(),
        lease.getGrantedAt(),
        lease.getExpiresAt(),
        lease.getEndedAt(),
        lease.getEndReason(),
        lease.isActiveAt(now));
  }
}
