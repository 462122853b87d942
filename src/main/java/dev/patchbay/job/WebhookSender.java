package dev.patchbay.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs a job's summary to its webhook when it ends, signed with HMAC-SHA256 of the body ({@code
 * X-Patchbay-Signature: sha256=<hex>}), retried with doubling backoff; redirects are not followed,
 * so a delivery reaches only the allowed host it names. Runs on the job's own (virtual) thread.
 */
@Component
class WebhookSender {

  static final String SIGNATURE_HEADER = "X-Patchbay-Signature";

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

  private final JobProperties.Webhooks properties;
  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();
  private final HttpClient http;

  WebhookSender(JobProperties properties) {
    this.properties = properties.webhooks();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(this.properties.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Whether webhooks may be sent to {@code host}: listed, or under a listed {@code *.domain}. */
  boolean allows(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    for (String allowed : properties.allowedHosts()) {
      String rule = allowed.toLowerCase(Locale.ROOT).trim();
      if (rule.startsWith("*.") ? name.endsWith(rule.substring(1)) : name.equals(rule)) {
        return true;
      }
    }
    return false;
  }

  /** Delivers {@code summary}; returns the delivery status to store. */
  String deliver(JobWebhook webhook, JobResponse summary) {
    byte[] body = json.writeValueAsBytes(summary);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(webhook.url()))
            .timeout(properties.timeout())
            .header("Content-Type", "application/json")
            .header("X-Patchbay-Event", "job.ended")
            .header("X-Patchbay-Delivery", UUID.randomUUID().toString())
            .header(SIGNATURE_HEADER, "sha256=" + sign(webhook.secret(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    Duration backoff = properties.backoff();
    String last = "not attempted";
    for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return "delivered (HTTP " + status + ") after " + attempt + " attempt(s)";
        }
        last = "HTTP " + status;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "failed: interrupted after " + attempt + " attempt(s)";
      } catch (Exception e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (attempt < properties.attempts()) {
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "failed: interrupted after " + attempt + " attempt(s)";
        }
        backoff = backoff.multipliedBy(2);
      }
    }
    log.warn("job {}: webhook to {} failed: {}", summary.id(), webhook.url(), last);
    return "failed after " + properties.attempts() + " attempt(s): " + last;
  }

  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
