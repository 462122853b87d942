package dev.patchbay.inventory.pyats;

import dev.patchbay.api.FieldProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What an import did (or, for {@code dry-run}, would do): devices {@code created}, {@code updated}
 * (changed), {@code unchanged} and {@code deleted}. Secrets are listed by YAML path only: {@code
 * unresolvedSecrets} are {@code %ENC{}} values that could not be decrypted, {@code askSecrets}
 * {@code %ASK{}} values, {@code missingSecrets} masks ({@code *****}) with no stored value to keep;
 * all three must be supplied before connecting. {@code environmentSecrets} are {@code %ENV{}}
 * references the request gave no value for, read from Patchbay's environment when a connection
 * opens.
 */
@Schema(name = "TestbedImportResult")
public record ImportResult(
    String testbed,
    @Schema(allowableValues = {"merge", "replace", "dry-run"}) String mode,
    List<String> created,
    List<String> updated,
    List<String> unchanged,
    List<String> deleted,
    List<String> unresolvedSecrets,
    List<String> askSecrets,
    List<String> missingSecrets,
    List<String> environmentSecrets,
    List<UnsupportedConnection> unsupportedConnections,
    List<FieldProblem> warnings) {

  /** A connection definition that was stored but that Patchbay cannot open, and why. */
  public record UnsupportedConnection(String device, String connection, String reason) {}
}
