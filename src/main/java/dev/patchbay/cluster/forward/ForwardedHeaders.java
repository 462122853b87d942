package dev.patchbay.cluster.forward;

import dev.patchbay.cluster.ClusterMember;
import dev.patchbay.common.RequestId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers a forwarded request carries to the owner: the caller's own (authentication, lease
 * headers, Idempotency-Key, content type, and Host and Origin, so that the owner sees the request
 * as the caller sent it, its same-origin check of a terminal included) minus the hop-by-hop ones,
 * this request's id and trace, the client's address appended to {@code X-Forwarded-For} (honoured
 * only where this instance is a trusted proxy), and {@value #FORWARDED} naming this instance, which
 * marks the request as forwarded so that it is never forwarded again.
 */
final class ForwardedHeaders {

  static final String FORWARDED = ClusterMember.FORWARDED_HEADER;

  /** Hop-by-hop (RFC 9110 7.6.1) or re-made by the client for the next hop. */
  private static final Set<String> NOT_COPIED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-extensions",
          "sec-websocket-accept");

  private ForwardedHeaders() {}

  /** Whether a response or request header is passed on to the next hop. */
  static boolean passed(String name) {
    return !NOT_COPIED.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The headers to send to the owner for {@code exchange}, forwarded by instance {@code by}. */
  static HttpHeaders of(ServerWebExchange exchange, String by) {
    HttpHeaders headers = new HttpHeaders();
    exchange
        .getRequest()
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (passed(name)) {
                headers.addAll(name, values);
              }
            });
    HttpHeaders ours = exchange.getResponse().getHeaders();
    copy(ours, headers, RequestId.HEADER);
    copy(ours, headers, "traceparent");
    InetSocketAddress client = exchange.getRequest().getRemoteAddress();
    if (client != null && client.getAddress() != null) {
      List<String> chain = headers.getOrEmpty("X-Forwarded-For");
      String address = client.getAddress().getHostAddress();
      headers.set(
          "X-Forwarded-For", chain.isEmpty() ? address : String.join(", ", chain) + ", " + address);
    }
    headers.set(FORWARDED, by);
    return headers;
  }

  private static void copy(HttpHeaders from, HttpHeaders to, String name) {
    String value = from.getFirst(name);
    if (value != null) {
      to.set(name, value);
    }
  }
}
