package dev.patchbay.security.token;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A refused credential with a short reason for the {@code patchbay.auth.failures} metric: {@code
 * unknown}, {@code expired}, {@code revoked}, {@code ticket} or {@code malformed}.
 */
final class CredentialRefused extends BadCredentialsException {

  private final String reason;

  CredentialRefused(String reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
