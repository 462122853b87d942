package dev.patchbay.inventory;

import dev.patchbay.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** A stored testbed with its default credentials (masked). */
@Schema(description = "A stored testbed")
public record TestbedResponse(
    @Schema(example = "lab1") String name,
    String description,
    String alias,
    Map<String, CredentialResponse> credentials,
    Map<String, Object> custom,
    @Schema(description = "Optimistic-locking version, also sent as the ETag") long version,
    Instant createdAt,
    Instant updatedAt) {

  static TestbedResponse of(Testbed t) {
    return new TestbedResponse(
        t.getName(),
        t.getDescription(),
        t.getAlias(),
        CredentialResponse.byName(t.getCredentials()),
        t.getCustom(),
        t.getVersion(),
        Timestamps.stored(t.getCreatedAt()),
        Timestamps.stored(t.getUpdatedAt()));
  }
}
