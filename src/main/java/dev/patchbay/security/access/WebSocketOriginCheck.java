package dev.patchbay.security.access;

import dev.patchbay.api.ProblemType;
import dev.patchbay.security.token.AuthProperties;
import dev.patchbay.web.ProblemWriter;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a terminal WebSocket handshake whose {@code Origin} is another site (cross-site WebSocket
 * hijacking): a browser sends the page's origin, which must be this service's own or one of {@code
 * patchbay.auth.allowed-origins}. Clients that are not browsers send no Origin and pass. Part of
 * the security filter chain.
 */
public final class WebSocketOriginCheck implements WebFilter {

  private final List<String> allowed;
  private final ProblemWriter problems;

  public WebSocketOriginCheck(AuthProperties properties, ProblemWriter problems) {
    this.allowed = properties.allowedOrigins();
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
    if (origin == null
        || !request.getPath().value().startsWith("/ws/")
        || allowed.contains(origin)
        || sameOrigin(origin, request.getURI())) {
      return chain.filter(exchange);
    }
    return problems.write(
        exchange,
        ProblemType.FORBIDDEN,
        "WebSocket from origin '" + origin + "' refused: only this service's own pages may attach");
  }

  private static boolean sameOrigin(String origin, URI request) {
    try {
      URI page = URI.create(origin);
      return page.getHost() != null
          && page.getHost().equalsIgnoreCase(request.getHost())
          && port(page) == port(request)
          && httpScheme(page.getScheme()).equals(httpScheme(request.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String httpScheme(String scheme) {
    String s = scheme == null ? "" : scheme.toLowerCase();
    return s.equals("wss") ? "https" : s.equals("ws") ? "http" : s;
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return httpScheme(uri.getScheme()).equals("https") ? 443 : 80;
  }
}
