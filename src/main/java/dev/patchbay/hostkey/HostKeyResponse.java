package dev.patchbay.hostkey;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The SSH host key pinned for a connection definition. */
@Schema(name = "HostKey", description = "The SSH host key pinned for a connection definition")
public record HostKeyResponse(
    String device,
    String connection,
    @Schema(description = "host:port where the key was first seen", example = "192.0.2.10:22")
        String endpoint,
    @Schema(example = "ecdsa-sha2-nistp256") String keyType,
    @Schema(example = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8") String fingerprint,
    Instant firstSeen) {

  static HostKeyResponse of(String device, String connection, KnownHostKey key) {
    return new HostKeyResponse(
        device,
        connection,
        key.getEndpoint(),
        key.getKeyType(),
        key.getFingerprint(),
        key.getFirstSeen());
  }
}
