package dev.patchbay.manager;

import dev.patchbay.cli.ConfigureResult;
import dev.patchbay.security.masking.SecretMasker;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The device output of a configuration session, with the secrets of echoed configuration lines
 * ({@code enable secret x}, {@code username u password p}) masked.
 */
@Schema(description = "Result of a configuration")
public record ConfigureDeviceResponse(
    @Schema(example = "2", description = "Lines applied") int lines,
    String output,
    long elapsedMs) {

  static ConfigureDeviceResponse of(ConfigureResult result) {
    return new ConfigureDeviceResponse(
        result.lines(), SecretMasker.mask(result.output()), result.elapsedMs());
  }
}
