package dev.patchbay.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Binds the lease headers of a request to a {@link LeaseCredentials} controller parameter. */
@Component
class LeaseCredentialsArgumentResolver implements HandlerMethodArgumentResolver, WebFluxConfigurer {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == LeaseCredentials.class;
  }

  @Override
  public Mono<Object> resolveArgument(
      MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
    HttpHeaders headers = exchange.getRequest().getHeaders();
    return Mono.just(
        new LeaseCredentials(
            headers.getFirst(LeaseCredentials.LEASE_HEADER),
            headers.getFirst(LeaseCredentials.FENCING_HEADER)));
  }

  @Override
  public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
    configurer.addCustomResolver(this);
  }
}
