package dev.patchbay.console;

import dev.patchbay.common.Blocking;
import dev.patchbay.security.token.TokenPrincipal;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.Paging;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/sessions} and {@code /api/v1/events}: every live session in one call, and the
 * changes pushed as server-sent events, so that the console makes the same few requests whatever
 * the number of devices.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Console", description = "Every live session at once, and live changes")
class ConsoleController {

  /** Events a subscriber may fall behind by before its stream ends (it reconnects and reloads). */
  static final int EVENT_BUFFER = 1024;

  /**
   * A stream ends after this long (or when its token expires), so that a revoked token stops
   * receiving events; the page reconnects.
   */
  static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

  static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

  private static final Comparator<SessionOverview> ORDER =
      Comparator.comparing(SessionOverview::device).thenComparing(SessionOverview::alias);

  private final SessionOverviews sessions;
  private final OtherInstances others;
  private final ConsoleEvents events;
  private final Blocking blocking;

  ConsoleController(
      SessionOverviews sessions, OtherInstances others, ConsoleEvents events, Blocking blocking) {
    this.sessions = sessions;
    this.others = others;
    this.events = events;
    this.blocking = blocking;
  }

  @GetMapping(path = "/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listAllSessions",
      summary = "List every live session: state, writer, viewers, who opened it",
      description =
          "Sorted by device, then alias, from every live instance of a cluster. A"
              + " testbed-scoped token sees the sessions of its testbeds' devices only.")
  @ApiResponse(responseCode = "200", description = "One page of live sessions")
  @ProblemResponses.Query
  Mono<PageResponse<SessionOverview>> list(
      @Parameter(description = "Only this device's sessions") @RequestParam(required = false)
          String device,
      @Parameter(description = "Only the sessions of this testbed's devices")
          @RequestParam(required = false)
          String testbed,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size,
      @AuthenticationPrincipal TokenPrincipal caller,
      ServerWebExchange exchange) {
    Paging.check(page, size);
    Mono<List<SessionOverview>> here = blocking.call(() -> sessions.list(caller, device, testbed));
    Mono<List<SessionOverview>> elsewhere =
        others.sessions(exchange, device, testbed).collectList();
    return Mono.zip(here, elsewhere)
        .map(
            both -> {
              List<SessionOverview> all = new ArrayList<>(both.getT1());
              all.addAll(both.getT2());
              all.sort(ORDER);
              return PageResponse.slice(all, page, size);
            });
  }

  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      operationId = "followConsoleEvents",
      summary = "Follow sessions and leases as server-sent events",
      description =
          "First a 'ready' event, then 'session' (opened or changed: state, writer, viewers),"
              + " 'session-closed' (who closed it and why) and 'lease' (granted or ended) for"
              + " what the token may see, from every live instance of a cluster. Load the current state after 'ready'. The stream ends"
              + " after 10 minutes, at the token's expiry or when the client falls 1024 events"
              + " behind: reconnect and reload.")
  @ApiResponse(
      responseCode = "200",
      description = "The event stream",
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(implementation = ConsoleEvent.class)))
  Flux<ServerSentEvent<ConsoleEvent>> follow(
      @AuthenticationPrincipal TokenPrincipal caller, ServerWebExchange exchange) {
    Flux<ConsoleEvent> here =
        events.stream(EVENT_BUFFER).flatMapIterable(e -> e.visibleTo(caller).stream().toList());
    Flux<ServerSentEvent<ConsoleEvent>> live =
        Flux.merge(here, others.events(exchange)).map(ConsoleController::sse);
    Flux<ServerSentEvent<ConsoleEvent>> keepAlive =
        Flux.interval(KEEP_ALIVE)
            .map(tick -> ServerSentEvent.<ConsoleEvent>builder().comment("keep-alive").build());
    // merge subscribes in order: 'ready' goes out once the live events are followed
    return Flux.merge(live, keepAlive, Mono.fromCallable(() -> sse(ConsoleEvent.ready())))
        .take(lifetime(caller));
  }

  private static Duration lifetime(TokenPrincipal caller) {
    if (caller.expiresAt() == null) {
      return STREAM_LIFETIME;
    }
    Duration left = Duration.between(Instant.now(), caller.expiresAt());
    return left.compareTo(STREAM_LIFETIME) < 0 ? left : STREAM_LIFETIME;
  }

  private static ServerSentEvent<ConsoleEvent> sse(ConsoleEvent event) {
    return ServerSentEvent.builder(event).event(event.type()).build();
  }
}
