package dev.patchbay.cluster.forward;

import dev.patchbay.cluster.InstanceIdentity;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Names the instance that served a response ({@value #HEADER}) on every response; a forwarded
 * response keeps the owner's name.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class InstanceHeaderFilter implements WebFilter {

  static final String HEADER = "Patchbay-Instance";

  private final String name;

  InstanceHeaderFilter(InstanceIdentity identity) {
    this.name = identity.name();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange.getResponse().getHeaders().set(HEADER, name);
    return chain.filter(exchange);
  }
}
