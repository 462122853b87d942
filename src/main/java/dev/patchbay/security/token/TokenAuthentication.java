package dev.patchbay.security.token;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated API token: its {@link TokenPrincipal} with the authorities of its role. */
public final class TokenAuthentication extends AbstractAuthenticationToken {

  private final TokenPrincipal principal;

  TokenAuthentication(TokenPrincipal principal) {
    super(principal.role().grantedAuthorities());
    this.principal = principal;
    setAuthenticated(true);
  }

  @Override
  public TokenPrincipal getPrincipal() {
    return principal;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public String getName() {
    return principal.name();
  }
}
