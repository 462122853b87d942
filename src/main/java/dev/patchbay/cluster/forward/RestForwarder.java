package dev.patchbay.cluster.forward;

import dev.patchbay.cluster.ClusterMember;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends a REST call to the device's owner and streams the owner's answer back unchanged: status,
 * headers (its {@code Patchbay-Instance} included) and body, problem details as they are. Bodies
 * stream both ways without being held whole; no response timeout of its own (the owner applies the
 * call's timeouts), and the connections to the other instances are pooled.
 */
final class RestForwarder {

  private static final int CONNECT_TIMEOUT_MS = 3000;

  private final ConnectionProvider connections = ConnectionProvider.create("patchbay-forward", 500);
  private final HttpClient client =
      HttpClient.create(connections)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS);

  /** Closes the pooled connections to the other instances. */
  void close() {
    connections.dispose();
  }

  /** Forwards {@code exchange} to {@code owner} on behalf of instance {@code by}. */
  Mono<Void> forward(ServerWebExchange exchange, ClusterMember owner, String by) {
    ServerHttpRequest request = exchange.getRequest();
    HttpHeaders headers = ForwardedHeaders.of(exchange, by);
    String uri = owner.advertisedUrl() + request.getURI().getRawPath() + query(request);
    HttpClient.RequestSender sender =
        client
            .headers(h -> headers.forEach((name, values) -> h.add(name, values)))
            .request(io.netty.handler.codec.http.HttpMethod.valueOf(request.getMethod().name()))
            .uri(uri);
    HttpClient.ResponseReceiver<?> receiver =
        hasBody(request)
            ? sender.send(request.getBody().map(NettyDataBufferFactory::toByteBuf))
            : sender;
    return receiver
        .response((response, body) -> relay(exchange.getResponse(), response, body))
        .then();
  }

  private static Mono<Void> relay(
      ServerHttpResponse target, HttpClientResponse response, ByteBufFlux body) {
    target.setStatusCode(HttpStatusCode.valueOf(response.status().code()));
    HttpHeaders headers = target.getHeaders();
    headers.remove(InstanceHeaderFilter.HEADER);
    // the owner's headers replace what this instance set (request id, trace)
    for (String name : response.responseHeaders().names()) {
      if (ForwardedHeaders.passed(name)) {
        headers.put(name, response.responseHeaders().getAll(name));
      }
    }
    Flux<DataBuffer> buffers = body.retain().map(buffer -> wrap(target, buffer));
    return target.writeWith(buffers);
  }

  private static DataBuffer wrap(ServerHttpResponse target, ByteBuf buffer) {
    if (target.bufferFactory() instanceof NettyDataBufferFactory netty) {
      return netty.wrap(buffer);
    }
    try {
      byte[] bytes = new byte[buffer.readableBytes()];
      buffer.readBytes(bytes);
      return target.bufferFactory().wrap(bytes);
    } finally {
      buffer.release();
    }
  }

  private static boolean hasBody(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    return headers.getContentLength() > 0 || headers.containsHeader("Transfer-Encoding");
  }

  private static String query(ServerHttpRequest request) {
    String query = request.getURI().getRawQuery();
    return query == null ? "" : "?" + query;
  }
}
