package dev.patchbay.job;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where to POST the job's summary when it ends, and the secret its HMAC-SHA256 signature is made
 * with. The secret is kept in memory only: it is never stored, returned or logged.
 */
@Schema(description = "Called once when the job ends; only hosts the service allows")
public record JobWebhook(
    @Schema(
            example = "https://ci.example.com/hooks/patchbay",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
    @Schema(
            description =
                "Signs the body: header X-Patchbay-Signature: sha256=<hex HMAC-SHA256>; 16+ characters",
            requiredMode = Schema.RequiredMode.REQUIRED,
            minLength = 16,
            writeOnly = true)
        String secret) {

  @Override
  public String toString() {
    return "JobWebhook[url=" + url + "]";
  }
}
