package dev.patchbay.security.secrets;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The outcome of a master key rotation: the key now in use and the counts per store. */
@Schema(name = "MasterKeyRotation")
public record RotationReport(
    @Schema(description = "Id of the master key every secret is now sealed under") String keyId,
    @Schema(description = "Secrets that were re-sealed under that key") int resealed,
    @Schema(description = "Secrets that were already sealed under it") int unchanged,
    @Schema(description = "The same counts per store") List<SealedSecrets.ResealCount> stores) {

  static RotationReport of(String keyId, List<SealedSecrets.ResealCount> stores) {
    return new RotationReport(
        keyId,
        stores.stream().mapToInt(SealedSecrets.ResealCount::resealed).sum(),
        stores.stream().mapToInt(SealedSecrets.ResealCount::unchanged).sum(),
        stores);
  }
}
