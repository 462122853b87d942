package dev.patchbay.web;

import dev.patchbay.api.ProblemType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses {@code sort} on the API's reads (400 {@code validation}) instead of ignoring it: every
 * list has one documented order, and a client asking for another must not believe it got it. Runs
 * after the security chain, so that only an authorised caller learns this.
 */
@Component
@Order(0)
public class UnsupportedSortFilter implements WebFilter {

  private final ProblemWriter problems;

  UnsupportedSortFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    if ((HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))
        && request.getPath().value().startsWith("/api/")
        && request.getQueryParams().containsKey("sort")) {
      return problems.write(
          exchange,
          ProblemType.VALIDATION,
          "sort is not supported: each list has one fixed order, stated in the API description"
              + " (e.g. leases and audit events newest first)");
    }
    return chain.filter(exchange);
  }
}
