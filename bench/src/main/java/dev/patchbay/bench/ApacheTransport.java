package dev.patchbay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The driver's REST transport: Apache HttpClient 5 classic (blocking I/O on the calling thread,
 * pooled kept-alive HTTP/1.1 connections, no compression, retries or redirects), so that the driver
 * spends little CPU of the machine it shares with the service and adds no thread hand-offs of its
 * own to a call's latency.
 */
final class ApacheTransport implements RestTransport {

  private static final int CONNECTIONS = 1024;

  private final CloseableHttpClient http =
      HttpClients.custom()
          .setConnectionManager(
              PoolingHttpClientConnectionManagerBuilder.create()
                  .setMaxConnTotal(CONNECTIONS)
                  .setMaxConnPerRoute(CONNECTIONS)
                  .setDefaultSocketConfig(
                      SocketConfig.custom()
                          .setTcpNoDelay(true)
                          .setSoTimeout(Timeout.ofMinutes(3))
                          .build())
                  .setDefaultConnectionConfig(
                      ConnectionConfig.custom()
                          .setConnectTimeout(Timeout.ofSeconds(10))
                          .setSocketTimeout(Timeout.ofMinutes(3))
                          .build())
                  .build())
          .disableAutomaticRetries()
          .disableContentCompression()
          .disableCookieManagement()
          .disableRedirectHandling()
          .build();

  @Override
  public Reply send(String method, URI uri, Map<String, String> headers, String json) {
    ClassicRequestBuilder request = ClassicRequestBuilder.create(method).setUri(uri);
    headers.forEach(request::setHeader);
    if (json != null) {
      request.setEntity(json, ContentType.APPLICATION_JSON);
    }
    try {
      return http.execute(
          request.build(),
          response ->
              new Reply(
                  response.getCode(),
                  response.getEntity() == null
                      ? ""
                      : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + uri + " failed", e);
    }
  }

  @Override
  public void close() {
    http.close(CloseMode.GRACEFUL);
  }
}
