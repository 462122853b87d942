package dev.patchbay.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A named credential as written by a client. A secret ({@code password}, {@code privateKey}) is
 * either the plaintext to store, {@value SecretSealer#MASK} to keep the stored value unchanged, or
 * {@code %ASK{prompt}} to require it to be supplied before connecting.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "A named credential; secrets are write-only")
public record CredentialRequest(
    @Schema(example = "admin") String username,
    @Schema(
            format = "password",
            example = SecretSealer.MASK,
            description =
                "Plaintext to store, '*****' to keep the stored secret, '%ASK{prompt}' to ask"
                    + " for it later, null for none")
        String password,
    @Schema(
            format = "password",
            example = SecretSealer.MASK,
            description = "PEM private key; same conventions as password")
        String privateKey) {}
