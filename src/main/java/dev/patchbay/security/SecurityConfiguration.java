package dev.patchbay.security;

import dev.patchbay.api.ProblemType;
import dev.patchbay.common.Blocking;
import dev.patchbay.security.access.AccessRules;
import dev.patchbay.security.access.HeaderCharacters;
import dev.patchbay.security.access.NoRoute;
import dev.patchbay.security.access.RouteAuthorization;
import dev.patchbay.security.access.ScopeCheck;
import dev.patchbay.security.access.WebSocketOriginCheck;
import dev.patchbay.security.token.AuthFailures;
import dev.patchbay.security.token.AuthProperties;
import dev.patchbay.security.token.CredentialConverter;
import dev.patchbay.security.token.TokenAuthenticationManager;
import dev.patchbay.web.ProblemWriter;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The HTTP security chain: stateless bearer-token authentication, the {@link AccessRules} route
 * table ({@link RouteAuthorization}; anything else refused), RFC 7807 answers for 401/403/429, CORS
 * closed unless origins are configured, cross-origin terminal WebSockets refused, and security
 * headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

  /**
   * The page loads only its own scripts; xterm.js injects its own style elements; asciinema-player
   * compiles its bundled WebAssembly terminal ('wasm-unsafe-eval' allows that, not JavaScript
   * eval).
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self';"
          + " form-action 'self'; object-src 'none'";

  /**
   * No Spring Security observations: they would wrap every filter of the chain in an observation on
   * every request. Requests are still timed ({@code http.server.requests}).
   */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * Spring Security's strict firewall, with its header rules checked without regular expressions.
   */
  @Bean
  ServerWebExchangeFirewall firewall() {
    StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
    firewall.setAllowedHeaderNames(HeaderCharacters.NAME);
    firewall.setAllowedHeaderValues(HeaderCharacters.VALUE);
    return firewall;
  }

  /**
   * The firewall's refusals are problems too (400 {@code request-rejected}) with its reason, but
   * never a header's value, which may be a credential.
   */
  @Bean
  ServerExchangeRejectedHandler firewallRefusals(ProblemWriter problems) {
    return (exchange, rejected) -> {
      String reason = String.valueOf(rejected.getMessage());
      String detail =
          reason.contains("header")
              ? "a header name or value holds a character that is not allowed"
              : reason;
      return problems.write(exchange, ProblemType.REQUEST_REJECTED, detail);
    };
  }

  @Bean
  SecurityWebFilterChain securityWebFilterChain(
      ServerHttpSecurity http,
      TokenAuthenticationManager authenticationManager,
      AuthFailures failures,
      ProblemWriter problems,
      AuthProperties properties,
      ScopeCheck scope,
      Blocking blocking) {
    AuthenticationWebFilter authentication = new AuthenticationWebFilter(authenticationManager);
    authentication.setServerAuthenticationConverter(new CredentialConverter());
    authentication.setAuthenticationFailureHandler(failures);
    authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .cors(cors -> cors.configurationSource(corsSource(properties.allowedOrigins())))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                    .frameOptions(frame -> frame.mode(Mode.DENY)))
        .addFilterBefore(
            new WebSocketOriginCheck(properties, problems), SecurityWebFiltersOrder.AUTHENTICATION)
        .addFilterBefore(failures.limitFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
        .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(
                        (exchange, e) -> {
                          failures.missing();
                          exchange
                              .getResponse()
                              .getHeaders()
                              .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                          return problems.write(
                              exchange,
                              ProblemType.UNAUTHORIZED,
                              "this route needs an API token: send 'Authorization: Bearer <token>'");
                        })
                    .accessDeniedHandler(
                        (exchange, e) ->
                            e instanceof NoRoute noRoute
                                ? noRoute(exchange, noRoute, problems)
                                : problems.write(
                                    exchange, ProblemType.FORBIDDEN, deniedDetail(e.getMessage()))))
        .authorizeExchange(
            rules ->
                rules
                    .anyExchange()
                    .access(new RouteAuthorization(AccessRules.all(), scope, blocking)))
        .build();
  }

  /** 404 for a path no rule knows; 405 with {@code Allow} when it knows other methods. */
  private static Mono<Void> noRoute(
      ServerWebExchange exchange, NoRoute noRoute, ProblemWriter problems) {
    if (noRoute.allowed().isEmpty()) {
      return problems.write(exchange, ProblemType.NOT_FOUND, noRoute.getMessage());
    }
    exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, noRoute.allowHeader());
    return problems.write(exchange, ProblemType.METHOD_NOT_ALLOWED, noRoute.getMessage());
  }

  private static String deniedDetail(String reason) {
    return reason == null || reason.equals("Access Denied")
        ? "this token may not call this route"
        : reason;
  }

  private static CorsConfigurationSource corsSource(List<String> allowedOrigins) {
    if (allowedOrigins.isEmpty()) {
      return exchange -> null;
    }
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(allowedOrigins);
    cors.setAllowedMethods(
        List.of(
            HttpMethod.GET.name(),
            HttpMethod.HEAD.name(),
            HttpMethod.POST.name(),
            HttpMethod.PUT.name(),
            HttpMethod.PATCH.name(),
            HttpMethod.DELETE.name()));
    cors.setAllowedHeaders(
        List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.IF_MATCH,
            "Patchbay-Lease",
            "Patchbay-Fencing-Token",
            "Idempotency-Key",
            "X-Request-Id",
            "traceparent"));
    cors.setExposedHeaders(
        List.of(
            HttpHeaders.ETAG,
            HttpHeaders.LOCATION,
            HttpHeaders.ALLOW,
            "X-Request-Id",
            "traceparent"));
    return exchange -> cors;
  }
}
