package dev.patchbay.security.access;

import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;

/**
 * A request no {@link AccessRule} matches. It travels as an access denial so that a caller without
 * a valid token still gets 401 first (nothing about the route table leaks to it); an authenticated
 * caller gets 404, or 405 with {@code allowed} when the path exists for other methods.
 */
public final class NoRoute extends AccessDeniedException {

  private final Set<HttpMethod> allowed;

  NoRoute(String detail, Set<HttpMethod> allowed) {
    super(detail);
    this.allowed = allowed;
  }

  /** The methods the path answers (empty: no such path at all). */
  public Set<HttpMethod> allowed() {
    return allowed;
  }

  /** The {@code Allow} header value, e.g. {@code GET, HEAD, OPTIONS, POST}. */
  public String allowHeader() {
    return String.join(", ", allowed.stream().map(HttpMethod::name).sorted().toList());
  }
}
