package dev.patchbay.inventory;

import dev.patchbay.security.secrets.CredentialCipher;
import org.springframework.stereotype.Component;

/**
 * Converts secrets between their plaintext and their persisted {@link StoredSecret} form. The only
 * place inventory code touches plaintext; responses and exports show {@link #MASK} instead.
 */
@Component
public class SecretSealer {

  /** What every response and export shows in place of a stored secret. */
  public static final String MASK = "*****";

  private final CredentialCipher cipher;

  public SecretSealer(CredentialCipher cipher) {
    this.cipher = cipher;
  }

  public StoredSecret seal(String plaintext) {
    return StoredSecret.stored(cipher.seal(plaintext));
  }

  /** Keeps an undecryptable pyATS {@code %ENC{}} token, itself sealed. */
  public StoredSecret sealUnresolved(String token) {
    return StoredSecret.unresolved(cipher.seal(token));
  }

  /** The plaintext of a {@code STORED} secret (for drivers); fails for ASK/UNRESOLVED secrets. */
  public String reveal(StoredSecret secret) {
    if (secret == null || secret.getState() != SecretState.STORED) {
      throw new IllegalStateException("secret has no usable value: " + secret);
    }
    return cipher.open(secret.getSealed());
  }

  /** The original pyATS token of an {@code UNRESOLVED} secret. */
  public String revealToken(StoredSecret secret) {
    if (secret == null || secret.getState() != SecretState.UNRESOLVED) {
      throw new IllegalStateException("secret is not an unresolved token: " + secret);
    }
    return cipher.open(secret.getSealed());
  }
}
