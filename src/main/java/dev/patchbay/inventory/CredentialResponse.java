package dev.patchbay.inventory;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A named credential as shown to clients: secrets are always masked, only their state is told. */
@Schema(description = "A named credential; secrets are never returned, only masked")
public record CredentialResponse(
    @Schema(example = "admin") String username,
    @Schema(example = SecretSealer.MASK, description = "'*****' when a password is set")
        String password,
    @Schema(allowableValues = {"stored", "ask", "unresolved", "env"}) String passwordState,
    @Schema(example = SecretSealer.MASK) String privateKey,
    @Schema(allowableValues = {"stored", "ask", "unresolved", "env"}) String privateKeyState) {

  /** The masked form of each credential, by name, in stored order. */
  static Map<String, CredentialResponse> byName(List<Credential> credentials) {
    Map<String, CredentialResponse> map = new LinkedHashMap<>();
    credentials.forEach(credential -> map.put(credential.getName(), of(credential)));
    return map;
  }

  static CredentialResponse of(Credential credential) {
    return new CredentialResponse(
        credential.getUsername(),
        mask(credential.getPassword()),
        state(credential.getPassword()),
        mask(credential.getPrivateKey()),
        state(credential.getPrivateKey()));
  }

  private static String mask(StoredSecret secret) {
    return secret == null || secret.getState() == null ? null : SecretSealer.MASK;
  }

  private static String state(StoredSecret secret) {
    return secret == null || secret.getState() == null
        ? null
        : secret.getState().name().toLowerCase(Locale.ROOT);
  }
}
