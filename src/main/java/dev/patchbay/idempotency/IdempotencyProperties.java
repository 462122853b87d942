package dev.patchbay.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code patchbay.idempotency.*}: how long a completed request's response is replayed for its key,
 * and after how long a first request that never completed (the service stopped) frees its key.
 */
@ConfigurationProperties("patchbay.idempotency")
public record IdempotencyProperties(Duration retention, Duration pendingTimeout) {

  public IdempotencyProperties {
    retention = retention == null ? Duration.ofHours(24) : retention;
    pendingTimeout = pendingTimeout == null ? Duration.ofMinutes(10) : pendingTimeout;
  }
}
