package dev.patchbay.web;

import dev.patchbay.common.Correlation;
import dev.patchbay.common.RequestId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id before anything else runs (security included, so that refusals carry it
 * too): the client's {@code X-Request-Id} when it is a plain token of up to 128 characters, else a
 * new random UUID. It is echoed on the response. The request's server span (Micrometer Tracing,
 * continuing an incoming W3C {@code traceparent}) is announced in a {@code traceparent} response
 * header. Both ids are kept as a {@link Correlation} exchange attribute and in the Reactor context
 * for log lines.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

  /**
   * Null without tracing. Resolved once: a provider's lookup per request cost 3 % of a lease's CPU.
   */
  private final Propagator propagator;

  public RequestIdFilter(ObjectProvider<Propagator> propagator) {
    this.propagator = propagator.getIfAvailable();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String sent = exchange.getRequest().getHeaders().getFirst(RequestId.HEADER);
    String id = RequestId.acceptable(sent) ? sent : generated();
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.set(RequestId.HEADER, id);
    Span span = serverSpan(exchange);
    if (span != null && propagator != null) {
      propagator.inject(span.context(), headers, HttpHeaders::set);
    }
    Correlation correlation = new Correlation(id, span == null ? null : span.context().traceId());
    exchange.getAttributes().put(Correlation.KEY, correlation);
    return chain
        .filter(exchange)
        .contextWrite(context -> context.put(Correlation.KEY, correlation));
  }

  /**
   * The span of this request's observation, started (from the incoming {@code traceparent}, if any)
   * by the HTTP handler before any filter runs; null without tracing.
   */
  private static Span serverSpan(ServerWebExchange exchange) {
    return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
        .map(context -> context.<TracingContext>get(TracingContext.class))
        .map(TracingContext::getSpan)
        .orElse(null);
  }

  /**
   * A random (version 4 layout) UUID from {@link ThreadLocalRandom}: {@link UUID#randomUUID} may
   * read {@code /dev/urandom}, a blocking call on the event loop, and an id needs no secrecy.
   */
  private static String generated() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
