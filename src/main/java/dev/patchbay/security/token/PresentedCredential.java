package dev.patchbay.security.token;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** What a request presented before it is checked: an API token or a terminal ticket. */
final class PresentedCredential extends AbstractAuthenticationToken {

  enum Kind {
    TOKEN,
    TICKET,
    MALFORMED
  }

  private final Kind kind;
  private final String value;

  PresentedCredential(Kind kind, String value) {
    super(List.of());
    this.kind = kind;
    this.value = value;
  }

  Kind kind() {
    return kind;
  }

  @Override
  public Object getCredentials() {
    return value;
  }

  @Override
  public Object getPrincipal() {
    return null;
  }

  @Override
  public String toString() {
    return "PresentedCredential[" + kind + "]";
  }
}
