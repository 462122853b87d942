package dev.patchbay.cluster.forward;

import dev.patchbay.cluster.ClusterMember;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Attaches a web terminal through a non-owner: accepts the browser's WebSocket here and opens one
 * to the owner (same path and query, so the single-use ticket is checked there, with the caller's
 * headers), then relays frames unchanged both ways: binary and text frames as they come, so control
 * messages this relay does not know keep working. Each direction requests the next frame only once
 * the previous one was written, so back-pressure runs end to end. Whichever side closes, the other
 * is closed with the same status.
 */
final class TerminalForwarder {

  private static final int MAX_FRAME = 1 << 20;

  /** Codes never sent in a close frame: the client's stand-ins for "no status" and "no frame". */
  private static final int NO_STATUS = 1005;

  private static final int ABNORMAL = 1006;

  /** The owner could not be reached or went away: the terminal's close for a lost session. */
  static final CloseStatus SESSION_LOST = new CloseStatus(4000, "session-lost");

  private final HttpClient client = HttpClient.create();
  private final HandshakeWebSocketService handshake =
      new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy());

  Mono<Void> forward(ServerWebExchange exchange, ClusterMember owner, String by) {
    HttpHeaders headers = ForwardedHeaders.of(exchange, by);
    String uri =
        owner.advertisedUrl().replaceFirst("^http", "ws")
            + exchange.getRequest().getURI().getRawPath()
            + (exchange.getRequest().getURI().getRawQuery() == null
                ? ""
                : "?" + exchange.getRequest().getURI().getRawQuery());
    return handshake.handleRequest(exchange, browser -> relay(browser, uri, headers));
  }

  /** Accepts the WebSocket and closes it at once: the session's owner died. */
  Mono<Void> refuse(ServerWebExchange exchange) {
    return handshake.handleRequest(exchange, browser -> browser.close(SESSION_LOST));
  }

  private Mono<Void> relay(WebSocketSession browser, String uri, HttpHeaders headers) {
    Sinks.One<CloseStatus> ownerClosed = Sinks.one();
    return client
        .headers(h -> headers.forEach((name, values) -> h.add(name, values)))
        .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build())
        .uri(uri)
        .handle((in, out) -> pump(browser, in, out, ownerClosed))
        .then()
        .onErrorResume(e -> Mono.empty())
        .then(Mono.defer(() -> browser.close(closeStatus(ownerClosed))));
  }

  private static Mono<Void> pump(
      WebSocketSession browser,
      WebsocketInbound in,
      WebsocketOutbound out,
      Sinks.One<CloseStatus> ownerClosed) {
    in.receiveCloseStatus()
        .subscribe(
            status -> {
              if (status.code() >= 1000 && status.code() < 5000) {
                ownerClosed.tryEmitValue(new CloseStatus(status.code(), status.reasonText()));
              }
            });
    // Shielded from cancellation (a cancelled inbound closes the browser's socket without a
    // status); one frame ahead at most, so back-pressure still reaches the browser.
    Flux<WebSocketFrame> fromBrowser =
        browser
            .receive()
            .map(TerminalForwarder::toNetty)
            .publish(1)
            .autoConnect()
            .doOnDiscard(WebSocketFrame.class, WebSocketFrame::release);
    Mono<Void> toOwner =
        out.sendObject(fromBrowser, frame -> true).then().then(Mono.defer(out::sendClose));
    Mono<Void> toBrowser =
        browser
            .send(
                in.receiveFrames()
                    .filter(
                        f -> f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame)
                    .map(frame -> toSpring(browser, frame)))
            // the owner ended: the browser gets its close status (session-lost when it died)
            .then(Mono.defer(() -> browser.close(closeStatus(ownerClosed))));
    return Mono.firstWithSignal(toOwner, toBrowser);
  }

  private static WebSocketFrame toNetty(WebSocketMessage message) {
    DataBuffer payload = message.getPayload();
    DataBufferUtils.retain(payload);
    var buffer = NettyDataBufferFactory.toByteBuf(payload);
    return message.getType() == WebSocketMessage.Type.TEXT
        ? new TextWebSocketFrame(buffer)
        : new BinaryWebSocketFrame(buffer);
  }

  private static WebSocketMessage toSpring(WebSocketSession browser, WebSocketFrame frame) {
    NettyDataBufferFactory factory = (NettyDataBufferFactory) browser.bufferFactory();
    DataBuffer payload = factory.wrap(frame.content().retain());
    return new WebSocketMessage(
        frame instanceof TextWebSocketFrame
            ? WebSocketMessage.Type.TEXT
            : WebSocketMessage.Type.BINARY,
        payload);
  }

  private static CloseStatus closeStatus(Sinks.One<CloseStatus> ownerClosed) {
    CloseStatus status = ownerClosed.asMono().toFuture().getNow(null);
    // no status, or none sent: the connection ended without a proper close, the owner died
    return status == null || status.getCode() == NO_STATUS || status.getCode() == ABNORMAL
        ? SESSION_LOST
        : status;
  }
}
