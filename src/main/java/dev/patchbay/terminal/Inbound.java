package dev.patchbay.terminal;

import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * One frame from a viewer, copied out of the WebSocket message at once (Reactor Netty releases the
 * message's buffer when it has been handed on): keystrokes (binary) or a control message (text);
 * neither for ping/pong.
 */
record Inbound(byte[] bytes, String text) {

  static Inbound of(WebSocketMessage message) {
    return switch (message.getType()) {
      case BINARY -> {
        byte[] bytes = new byte[message.getPayload().readableByteCount()];
        message.getPayload().read(bytes);
        yield new Inbound(bytes, null);
      }
      case TEXT -> new Inbound(null, message.getPayloadAsText());
      default -> new Inbound(null, null);
    };
  }
}
