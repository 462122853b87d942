package dev.patchbay.hostkey;

import io.swagger.v3.oas.annotations.media.Schema;

/** A host key an operator pins for a connection definition, e.g. before using {@code strict}. */
@Schema(name = "HostKeyRequest", description = "A host key to pin, by its SHA-256 fingerprint")
public record HostKeyRequest(
    @Schema(
            description = "OpenSSH SHA-256 fingerprint (ssh-keygen -lf)",
            example = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String fingerprint,
    @Schema(description = "Key type, for information", example = "ssh-ed25519") String keyType) {}
