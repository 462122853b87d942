package dev.patchbay.terminal;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.security.token.Role;
import dev.patchbay.security.token.TokenAuthentication;
import java.security.Principal;

/**
 * Who attached a terminal: the API token's name, and whether its role lets it write (OPERATOR or
 * more). The viewer's name comes from the token, never from the client.
 */
record Caller(String name, Role role) {

  static final Caller ANONYMOUS = new Caller("anonymous", null);

  static Caller of(Principal principal) {
    Role role = principal instanceof TokenAuthentication token ? token.getPrincipal().role() : null;
    return new Caller(principal.getName(), role);
  }

  void checkAdmin(String what) {
    if (role == null || !role.includes(Role.ADMIN)) {
      throw new PatchbayException(
          ProblemType.FORBIDDEN,
          "token '" + name + "' has role " + role + "; it needs ADMIN to " + what);
    }
  }

  void checkMayWrite(String what) {
    if (role == null || !role.includes(Role.OPERATOR)) {
      throw new PatchbayException(
          ProblemType.FORBIDDEN,
          "token '" + name + "' has role " + role + "; it needs OPERATOR to " + what);
    }
  }
}
