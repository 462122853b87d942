package dev.patchbay.security.secrets;

import static dev.patchbay.web.OpenApiConfiguration.CONFLICT;

import dev.patchbay.common.Blocking;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/v1/admin/master-key}: the key rotation command (administrators only). */
@RestController
@RequestMapping("/api/v1/admin/master-key")
@Tag(name = "Administration", description = "Operations for administrators")
class MasterKeyController {

  private final MasterKeyRotation rotation;
  private final Blocking blocking;

  MasterKeyController(MasterKeyRotation rotation, Blocking blocking) {
    this.rotation = rotation;
    this.blocking = blocking;
  }

  @PostMapping(path = "/rotation", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "rotateMasterKey",
      summary = "Re-seal every stored secret under the current master key",
      description =
          "Answers 409 secret-unreadable, changing nothing, when a stored secret opens under no"
              + " configured key. Configure the new key as patchbay.security.master-key and the old one in"
              + " patchbay.security.previous-master-keys, restart, call this, then remove the old"
              + " key. All or nothing: one transaction.")
  @ApiResponse(responseCode = "200", description = "Every secret is sealed under the current key")
  @ApiResponse(responseCode = "409", ref = CONFLICT)
  Mono<RotationReport> rotate() {
    return blocking.call(rotation::rotate);
  }
}
