package dev.patchbay.web;

import dev.patchbay.api.ProblemType;
import dev.patchbay.api.Problems;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes an RFC 7807 problem from the security filters, which run before any controller. */
@Component
public class ProblemWriter {

  private final JsonMapper json;

  ProblemWriter(JsonMapper json) {
    this.json = json;
  }

  public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
    var response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(type.status());
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    var problem = Problems.of(type, detail);
    problem.setInstance(
        exchange.getRequest().getURI().resolve(exchange.getRequest().getPath().value()));
    byte[] body = json.writeValueAsBytes(problem);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
