package dev.patchbay.inventory;

import dev.patchbay.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A stored device with its credentials (masked) and connection definitions. */
@Schema(description = "A stored device")
public record DeviceResponse(
    @Schema(example = "r1") String name,
    @Schema(example = "lab1") String testbed,
    String os,
    String platform,
    String type,
    String role,
    List<String> aliases,
    Map<String, Object> custom,
    ConnectionDefaults connectionDefaults,
    Map<String, CredentialResponse> credentials,
    List<ConnectionResponse> connections,
    @Schema(description = "Optimistic-locking version, also sent as the ETag") long version,
    Instant createdAt,
    Instant updatedAt) {

  static DeviceResponse of(Device d) {
    return new DeviceResponse(
        d.getName(),
        d.getTestbed() == null ? null : d.getTestbed().getName(),
        d.getOs(),
        d.getPlatform(),
        d.getType(),
        d.getRole(),
        d.getAliases(),
        d.getCustom(),
        ConnectionDefaults.of(d.getConnectionDefaults()),
        CredentialResponse.byName(d.getCredentials()),
        d.getConnections().stream().map(ConnectionResponse::of).toList(),
        d.getVersion(),
        Timestamps.stored(d.getCreatedAt()),
        Timestamps.stored(d.getUpdatedAt()));
  }
}
