package dev.patchbay.web;

import dev.patchbay.common.RequestId;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id before anything else runs (security included, so that refusals carry it
 * too): the client's {@code X-Request-Id} when it is a plain token of up to 128 characters, else a
 * new random UUID. It is echoed on the response, kept as an exchange attribute and carried in the
 * Reactor context for log lines ({@link RequestId}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String sent = exchange.getRequest().getHeaders().getFirst(RequestId.HEADER);
    String id = RequestId.acceptable(sent) ? sent : generated();
    exchange.getResponse().getHeaders().set(RequestId.HEADER, id);
    exchange.getAttributes().put(RequestId.KEY, id);
    return chain.filter(exchange).contextWrite(context -> context.put(RequestId.KEY, id));
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
