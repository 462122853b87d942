package dev.patchbay.job;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code patchbay.jobs.*}: concurrency default and ceiling, how many devices a job may name, how
 * much output each command keeps, how long ended jobs are kept, and where webhooks may go.
 */
@ConfigurationProperties("patchbay.jobs")
public record JobProperties(
    Integer defaultConcurrency,
    Integer maxConcurrency,
    Integer maxDevices,
    Integer outputLimitBytes,
    Duration retention,
    Webhooks webhooks) {

  /**
   * Webhook delivery: allowed hosts ({@code host} or {@code *.domain}), attempts, first backoff.
   */
  public record Webhooks(
      List<String> allowedHosts, Integer attempts, Duration backoff, Duration timeout) {

    public Webhooks {
      allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
      attempts = attempts == null ? 5 : attempts;
      backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }
  }

  public JobProperties {
    defaultConcurrency = defaultConcurrency == null ? 32 : defaultConcurrency;
    maxConcurrency = maxConcurrency == null ? 256 : maxConcurrency;
    maxDevices = maxDevices == null ? 5000 : maxDevices;
    outputLimitBytes = outputLimitBytes == null ? 65_536 : outputLimitBytes;
    retention = retention == null ? Duration.ofDays(7) : retention;
    webhooks = webhooks == null ? new Webhooks(null, null, null, null) : webhooks;
  }
}
