package dev.patchbay.terminal;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.common.Blocking;
import dev.patchbay.manager.SessionTerminals;
import java.net.URI;
import java.util.Map;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@value #PATH}: a viewer of a live session. Binary frames carry terminal bytes both ways, text
 * frames JSON control messages ({@code docs/terminal-protocol.md}). Attaching (and opening the
 * session with {@code open=true}) and typing run off the event loop. The viewer acts as the API
 * token that authenticated the handshake ({@link Caller}).
 */
@Component
class TerminalWebSocketHandler implements WebSocketHandler {

  static final String PATH = "/ws/v1/devices/{device}/sessions/{alias}/terminal";

  /** Close code when the session cannot be attached; the reason names the problem type. */
  static final int ATTACH_FAILED = 4000;

  private static final PathPattern PATTERN = PathPatternParser.defaultInstance.parse(PATH);

  private final TerminalHubs hubs;
  private final SessionTerminals sessions;
  private final Blocking blocking;
  private final JsonMapper json;

  TerminalWebSocketHandler(
      TerminalHubs hubs, SessionTerminals sessions, Blocking blocking, JsonMapper json) {
    this.hubs = hubs;
    this.sessions = sessions;
    this.blocking = blocking;
    this.json = json;
  }

  @Override
  public Mono<Void> handle(WebSocketSession session) {
    URI uri = session.getHandshakeInfo().getUri();
    PathPattern.PathMatchInfo match =
        PATTERN.matchAndExtract(PathContainer.parsePath(uri.getPath()));
    Map<String, String> path = match == null ? Map.of() : match.getUriVariables();
    MultiValueMap<String, String> query =
        UriComponentsBuilder.fromUri(uri).build().getQueryParams();
    String device = path.get("device");
    String alias = path.get("alias");
    boolean open = "true".equals(query.getFirst("open"));
    String via = query.getFirst("via");
    return session
        .getHandshakeInfo()
        .getPrincipal()
        .map(Caller::of)
        .defaultIfEmpty(Caller.ANONYMOUS)
        .flatMap(caller -> attach(session, caller, device, alias, open, via));
  }

  private Mono<Void> attach(
      WebSocketSession session,
      Caller caller,
      String device,
      String alias,
      boolean open,
      String via) {
    return blocking
        .call(
            () -> {
              if (open) {
                caller.checkMayWrite("open a session");
                // A browser cannot send the lease header: on a leased device, the lease holder
                // opens the session over REST and viewers attach to it.
                sessions.checkWrite(device, null, null);
              }
              return hubs.attach(device, alias, caller.name(), open, via);
            })
        .flatMap(attachment -> serve(session, attachment, caller))
        .onErrorResume(PatchbayException.class, e -> refuse(session, e));
  }

  private Mono<Void> serve(WebSocketSession session, Attachment attachment, Caller caller) {
    TerminalHub hub = attachment.hub();
    Viewer viewer = attachment.viewer();
    Mono<Void> output =
        session.send(
            viewer
                .frames()
                .map(
                    frame ->
                        frame.isBinary()
                            ? session.binaryMessage(factory -> factory.wrap(frame.bytes()))
                            : session.textMessage(frame.text())));
    Mono<Void> input =
        session
            .receive()
            .map(Inbound::of)
            .concatMap(frame -> receive(hub.device(), hub, viewer, caller, frame))
            .then();
    return Mono.firstWithSignal(input, output).doFinally(signal -> hub.detach(viewer));
  }

  private Mono<Void> receive(
      String device, TerminalHub hub, Viewer viewer, Caller caller, Inbound frame) {
    if (frame.bytes() != null) {
      return blocking.run(() -> hub.input(viewer, frame.bytes()));
    }
    if (frame.text() == null) {
      return Mono.empty();
    }
    JsonNode control;
    try {
      control = json.readTree(frame.text());
    } catch (JacksonException e) {
      hub.notice(viewer, "bad-message", "control messages are JSON objects");
      return Mono.empty();
    }
    String type = control.path("type").asString("");
    switch (type) {
      case "resize" -> {
        int columns = control.path("cols").asInt(0);
        int rows = control.path("rows").asInt(0);
        return blocking.run(() -> hub.resize(viewer, columns, rows));
      }
      case "request-write" -> {
        String lease = control.path("lease").asString(null);
        String fencingToken = control.path("fencingToken").asString(null);
        return blocking
            .run(
                () -> {
                  caller.checkMayWrite("take write control");
                  sessions.checkWrite(device, lease, fencingToken);
                  hub.requestWrite(viewer);
                })
            .onErrorResume(
                PatchbayException.class,
                e -> Mono.fromRunnable(() -> hub.notice(viewer, e.type().slug(), e.getMessage())));
      }
      case "take-write" -> {
        String lease = control.path("lease").asString(null);
        String fencingToken = control.path("fencingToken").asString(null);
        return blocking
            .run(
                () -> {
                  caller.checkAdmin("take write control from another viewer");
                  sessions.checkWrite(device, lease, fencingToken);
                  hub.forceWrite(viewer);
                })
            .onErrorResume(
                PatchbayException.class,
                e -> Mono.fromRunnable(() -> hub.notice(viewer, e.type().slug(), e.getMessage())));
      }
      case "release-write" -> hub.releaseWrite(viewer);
      case "ack" -> {
        JsonNode count = control.path("bytes");
        long bytes = count.isIntegralNumber() && count.canConvertToLong() ? count.asLong() : 0;
        if (bytes < 1) {
          hub.notice(viewer, "bad-message", "ack needs \"bytes\": a positive whole number");
        } else {
          viewer.acknowledged(bytes);
          viewer.drain();
        }
      }
      default -> hub.notice(viewer, "bad-message", "unknown control message type '" + type + "'");
    }
    return Mono.empty();
  }

  private Mono<Void> refuse(WebSocketSession session, PatchbayException e) {
    String error = json.writeValueAsString(ServerMessage.error(e.type().slug(), e.getMessage()));
    return session
        .send(Mono.just(session.textMessage(error)))
        .then(session.close(new CloseStatus(ATTACH_FAILED, e.type().slug())));
  }
}
