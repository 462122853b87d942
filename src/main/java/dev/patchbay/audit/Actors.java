package dev.patchbay.audit;

import java.security.Principal;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/**
 * Who acts, as audit events name them: the authenticated principal's name, read at the WebFlux edge
 * (controller, WebSocket handler) and passed down to blocking code as a plain string. Without an
 * authenticated principal (anonymous requests, internal work such as lease expiry, reconnects or
 * shutdown) the actor is {@value #SYSTEM}.
 */
public final class Actors {

  /** The actor of internal actions and of requests without an authenticated principal. */
  public static final String SYSTEM = "system";

  private Actors() {}

  /** The current request's principal name, or {@value #SYSTEM}. */
  public static Mono<String> current() {
    return ReactiveSecurityContextHolder.getContext()
        .mapNotNull(SecurityContext::getAuthentication)
        .map(Actors::nameOf)
        .defaultIfEmpty(SYSTEM);
  }

  /** The name of a WebSocket handshake's principal, or {@value #SYSTEM}. */
  public static Mono<String> of(Mono<? extends Principal> principal) {
    return principal.map(Actors::nameOf).defaultIfEmpty(SYSTEM);
  }

  /** {@code principal}'s name, or {@value #SYSTEM} when it is absent or anonymous. */
  public static String nameOf(Principal principal) {
    if (principal == null
        || principal instanceof AnonymousAuthenticationToken
        || (principal instanceof Authentication authentication
            && !authentication.isAuthenticated())) {
      return SYSTEM;
    }
    String name = principal.getName();
    return name == null || name.isBlank() ? SYSTEM : name;
  }
}
