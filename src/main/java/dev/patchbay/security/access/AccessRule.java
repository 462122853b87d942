package dev.patchbay.security.access;

import dev.patchbay.security.token.Role;
import org.springframework.http.HttpMethod;

/**
 * Who may call one route: {@code method} and {@code pattern} exactly as the handler maps them, the
 * least role needed (null: public) and how a testbed-scoped token is checked.
 */
public record AccessRule(HttpMethod method, String pattern, Role role, TestbedScope scope) {

  static AccessRule open(HttpMethod method, String pattern) {
    return new AccessRule(method, pattern, null, TestbedScope.NONE);
  }

  static AccessRule of(HttpMethod method, String pattern, Role role, TestbedScope scope) {
    return new AccessRule(method, pattern, role, scope);
  }

  public boolean isPublic() {
    return role == null;
  }
}
