package dev.patchbay.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/** Per-definition timeouts in seconds; {@code null} means the service default. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "Timeouts in seconds (1..86400); null means the service default")
public record Timeouts(Integer connectSeconds, Integer loginSeconds, Integer executeSeconds) {

  static Timeouts of(ConnectionDefinition c) {
    if (c.getConnectTimeoutSeconds() == null
        && c.getLoginTimeoutSeconds() == null
        && c.getExecuteTimeoutSeconds() == null) {
      return null;
    }
    return new Timeouts(
        c.getConnectTimeoutSeconds(), c.getLoginTimeoutSeconds(), c.getExecuteTimeoutSeconds());
  }
}
