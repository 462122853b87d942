package dev.patchbay.console;

import dev.patchbay.cluster.ClusterMember;
import dev.patchbay.cluster.InstanceIdentity;
import dev.patchbay.cluster.Membership;
import dev.patchbay.common.Blocking;
import dev.patchbay.web.PageResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The console across a cluster: the live sessions and the events of the other live instances, asked
 * for with the caller's own credentials and marked as sent by an instance, so that each answers
 * with what it holds itself (and its own token checks) and fans out no further. An instance that
 * does not answer in time is left out: its sessions are lost or about to be.
 */
@Component
class OtherInstances {

  private static final Logger log = LoggerFactory.getLogger(OtherInstances.class);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

  /** Sessions asked per page and pages at most (the listing's own largest page size). */
  private static final int PAGE_SIZE = 500;

  private static final int MAX_PAGES = 20;
  private static final ParameterizedTypeReference<PageResponse<SessionOverview>> PAGE =
      new ParameterizedTypeReference<>() {};
  private static final ParameterizedTypeReference<ServerSentEvent<ConsoleEvent>> EVENT =
      new ParameterizedTypeReference<>() {};

  private final Membership membership;
  private final InstanceIdentity identity;
  private final Blocking blocking;
  private final WebClient client = WebClient.create();

  OtherInstances(Membership membership, InstanceIdentity identity, Blocking blocking) {
    this.membership = membership;
    this.identity = identity;
    this.blocking = blocking;
  }

  /** The sessions the other instances hold that the caller may see, filtered as given. */
  Flux<SessionOverview> sessions(ServerWebExchange exchange, String device, String testbed) {
    return members(exchange).flatMap(member -> sessionsOf(member, exchange, device, testbed));
  }

  /** The other instances' own events for the caller, without their {@code ready} events. */
  Flux<ConsoleEvent> events(ServerWebExchange exchange) {
    return members(exchange)
        .flatMap(
            member ->
                ask(member, exchange, URI.create(member.advertisedUrl() + "/api/v1/events"))
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .retrieve()
                    .bodyToFlux(EVENT)
                    .mapNotNull(ServerSentEvent::data)
                    .filter(event -> !"ready".equals(event.type()))
                    .onErrorResume(e -> leftOut(member, e)));
  }

  private Flux<ClusterMember> members(ServerWebExchange exchange) {
    HttpHeaders headers = exchange.getRequest().getHeaders();
    if (headers.containsHeader(ClusterMember.FORWARDED_HEADER)
        || !headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
      return Flux.empty();
    }
    return blocking.call(membership::liveOthers).flatMapIterable(members -> members);
  }

  private Flux<SessionOverview> sessionsOf(
      ClusterMember member, ServerWebExchange exchange, String device, String testbed) {
    return page(member, exchange, device, testbed, 0)
        .expand(
            last ->
                last.page() + 1 < Math.min(last.totalPages(), MAX_PAGES)
                    ? page(member, exchange, device, testbed, last.page() + 1)
                    : Mono.empty())
        .flatMapIterable(PageResponse::items)
        .onErrorResume(e -> leftOut(member, e));
  }

  private Mono<PageResponse<SessionOverview>> page(
      ClusterMember member, ServerWebExchange exchange, String device, String testbed, int page) {
    URI uri =
        UriComponentsBuilder.fromUriString(member.advertisedUrl())
            .path("/api/v1/sessions")
            .queryParamIfPresent("device", Optional.ofNullable(device))
            .queryParamIfPresent("testbed", Optional.ofNullable(testbed))
            .queryParam("page", page)
            .queryParam("size", PAGE_SIZE)
            .encode()
            .build()
            .toUri();
    return ask(member, exchange, uri).retrieve().bodyToMono(PAGE).timeout(ANSWER_TIMEOUT);
  }

  private WebClient.RequestHeadersSpec<?> ask(
      ClusterMember member, ServerWebExchange exchange, URI uri) {
    return client
        .get()
        .uri(uri)
        .header(
            HttpHeaders.AUTHORIZATION,
            exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
        .header(ClusterMember.FORWARDED_HEADER, identity.name());
  }

  private static <T> Flux<T> leftOut(ClusterMember member, Throwable e) {
    log.info("instance {} left out of the console's view: {}", member.name(), e.toString());
    return Flux.empty();
  }
}
