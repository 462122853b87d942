package dev.patchbay.cluster.forward;

import dev.patchbay.api.ProblemType;
import dev.patchbay.cluster.ClusterMember;
import dev.patchbay.cluster.ClusterProperties;
import dev.patchbay.cluster.DeviceOwner;
import dev.patchbay.cluster.DeviceOwnership;
import dev.patchbay.cluster.InstanceIdentity;
import dev.patchbay.cluster.Membership;
import dev.patchbay.common.Blocking;
import dev.patchbay.job.JobHosts;
import dev.patchbay.recording.Recordings;
import dev.patchbay.web.ProblemWriter;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Any instance serves any call: a call on a device's sessions (REST or the web terminal) whose
 * device another live instance owns is forwarded there, and so is the download of a recording whose
 * file another live instance holds, and so are the long-poll, events and cancellation of a job
 * another live instance runs. A call for a session whose owner died answers {@code session-lost}
 * (410). A forwarded request ({@value ForwardedHeaders#FORWARDED}) is always served where it
 * arrives, so a request loop is impossible. Runs before authentication: the owner authenticates the
 * caller's own credentials, and a single-use terminal ticket is spent there only. The owner's own
 * devices are recognised without a database query.
 */
@Component
@Order(-200)
class OwnerRouting implements WebFilter, DisposableBean {

  private static final PathPattern SESSIONS = pattern("/api/v1/devices/{device}/sessions");
  private static final PathPattern SESSION =
      pattern("/api/v1/devices/{device}/sessions/{alias}/{*rest}");
  private static final PathPattern TERMINAL =
      pattern("/ws/v1/devices/{device}/sessions/{alias}/terminal");
  private static final PathPattern RECORDING = pattern("/api/v1/recordings/{id:[0-9]+}");
  private static final PathPattern JOB = pattern("/api/v1/jobs/{id}");
  private static final PathPattern JOB_EVENTS = pattern("/api/v1/jobs/{id}/events");

  /** Longer ids are no recording's (a long has 19 digits): the controller answers them. */
  private static final int MAX_ID_DIGITS = 18;

  private final DeviceOwnership ownership;
  private final Membership membership;
  private final Recordings recordings;
  private final JobHosts jobs;
  private final Blocking blocking;
  private final ProblemWriter problems;
  private final ClusterProperties properties;
  private final InstanceIdentity identity;
  private final RestForwarder rest = new RestForwarder();
  private final TerminalForwarder terminal = new TerminalForwarder();

  /** Where a call goes: here, to a live owner, or nowhere because its session was lost. */
  private sealed interface Route {}

  private record Here() implements Route {}

  private record Owner(ClusterMember member) implements Route {}

  private record Lost(String detail) implements Route {}

  OwnerRouting(
      DeviceOwnership ownership,
      Membership membership,
      Recordings recordings,
      JobHosts jobs,
      Blocking blocking,
      ProblemWriter problems,
      ClusterProperties properties,
      InstanceIdentity identity) {
    this.ownership = ownership;
    this.membership = membership;
    this.recordings = recordings;
    this.jobs = jobs;
    this.blocking = blocking;
    this.problems = problems;
    this.properties = properties;
    this.identity = identity;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getRequest().getHeaders().containsHeader(ForwardedHeaders.FORWARDED)) {
      return chain.filter(exchange);
    }
    PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
    Map<String, String> match;
    if ((match = variables(TERMINAL, path)) != null) {
      return route(exchange, chain, match.get("device"), match.get("alias"), true);
    }
    if ((match = variables(SESSION, path)) != null) {
      return route(exchange, chain, match.get("device"), match.get("alias"), false);
    }
    if ((match = variables(SESSIONS, path)) != null) {
      return route(exchange, chain, match.get("device"), null, false);
    }
    if (exchange.getRequest().getMethod() == HttpMethod.GET
        && (match = variables(RECORDING, path)) != null
        && match.get("id").length() <= MAX_ID_DIGITS) {
      long id = Long.parseLong(match.get("id"));
      return blocking
          .call(() -> recordingRoute(id))
          .flatMap(route -> serve(exchange, chain, route, false));
    }
    if ((match = variables(JOB, path)) != null || (match = variables(JOB_EVENTS, path)) != null) {
      String id = match.get("id");
      return blocking
          .call(() -> jobRoute(id))
          .flatMap(route -> serve(exchange, chain, route, false));
    }
    return chain.filter(exchange);
  }

  @Override
  public void destroy() {
    rest.close();
  }

  private Mono<Void> route(
      ServerWebExchange exchange,
      WebFilterChain chain,
      String device,
      String alias,
      boolean websocket) {
    if (ownership.owns(device)) {
      return chain.filter(exchange);
    }
    return blocking
        .call(() -> sessionRoute(device, alias))
        .flatMap(route -> serve(exchange, chain, route, websocket));
  }

  private Mono<Void> serve(
      ServerWebExchange exchange, WebFilterChain chain, Route route, boolean websocket) {
    return switch (route) {
      case Here here -> chain.filter(exchange);
      case Lost lost ->
          websocket
              ? terminal.refuse(exchange)
              : problems.write(exchange, ProblemType.SESSION_LOST, lost.detail());
      case Owner owner ->
          websocket
              ? terminal.forward(exchange, owner.member(), identity.name())
              : forwardRest(exchange, owner.member());
    };
  }

  /**
   * Forwards a REST call and watches the owner's heartbeat meanwhile: should the owner be declared
   * dead (or not answer at all), the caller gets {@code session-lost} instead of waiting forever.
   */
  private Mono<Void> forwardRest(ServerWebExchange exchange, ClusterMember owner) {
    Mono<Void> ownerDied =
        Flux.interval(properties.heartbeatInterval())
            .concatMap(tick -> blocking.call(() -> membership.live(owner.id()).isEmpty()))
            .filter(dead -> dead)
            .next()
            .then(Mono.error(new IllegalStateException("declared dead")));
    return Mono.firstWithSignal(rest.forward(exchange, owner, identity.name()), ownerDied)
        .onErrorResume(
            e ->
                problems.write(
                    exchange,
                    ProblemType.SESSION_LOST,
                    "instance "
                        + owner.name()
                        + ", which holds the device's sessions, stopped answering; open a new"
                        + " session"));
  }

  private Route sessionRoute(String device, String alias) {
    DeviceOwner owner = ownership.owner(device);
    if (owner.elsewhere() != null) {
      return new Owner(owner.elsewhere());
    }
    if (alias != null
        && owner.lostInstance() != null
        && recordings.recordedBy(device, alias, owner.lostInstance())) {
      return new Lost(
          "the instance that held session '"
              + alias
              + "' of device '"
              + device
              + "' stopped answering; open a new session");
    }
    return new Here();
  }

  /** An unfinished job's long-poll, events and cancellation are served where it runs. */
  private Route jobRoute(String id) {
    return live(jobs.runningOn(id));
  }

  private Route recordingRoute(long id) {
    return live(recordings.holder(id));
  }

  private Route live(Optional<String> instance) {
    return instance
        .filter(id -> !id.equals(identity.id()))
        .flatMap(membership::live)
        .<Route>map(Owner::new)
        .orElse(new Here());
  }

  private static Map<String, String> variables(PathPattern pattern, PathContainer path) {
    PathPattern.PathMatchInfo info = pattern.matchAndExtract(path);
    return info == null ? null : info.getUriVariables();
  }

  private static PathPattern pattern(String pattern) {
    return PathPatternParser.defaultInstance.parse(pattern);
  }
}
