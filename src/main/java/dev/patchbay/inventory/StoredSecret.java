package dev.patchbay.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.function.UnaryOperator;

/**
 * A secret as persisted: its state, the AES-GCM sealed value (the secret itself for {@code STORED},
 * the pyATS token for {@code UNRESOLVED}) and, for {@code ASK}, the prompt text or, for {@code
 * ENV}, the environment variable's name (both in {@code prompt}). Never holds plaintext.
 */
@Embeddable
public class StoredSecret {

  @Enumerated(EnumType.STRING)
  @Column(length = 16)
  private SecretState state;

  @Column(length = 8192)
  private String sealed;

  @Column(length = 500)
  private String prompt;

  protected StoredSecret() {}

  private StoredSecret(SecretState state, String sealed, String prompt) {
    this.state = state;
    this.sealed = sealed;
    this.prompt = prompt;
  }

  public static StoredSecret stored(String sealedValue) {
    return new StoredSecret(SecretState.STORED, sealedValue, null);
  }

  public static StoredSecret ask(String prompt) {
    return new StoredSecret(SecretState.ASK, null, prompt);
  }

  public static StoredSecret unresolved(String sealedToken) {
    return new StoredSecret(SecretState.UNRESOLVED, sealedToken, null);
  }

  /** A reference to the environment variable {@code name}, resolved when a connection opens. */
  public static StoredSecret env(String name) {
    return new StoredSecret(SecretState.ENV, null, name);
  }

  /** This secret with its sealed value passed through {@code reseal}; itself when unsealed. */
  public StoredSecret resealed(UnaryOperator<String> reseal) {
    return sealed == null ? this : new StoredSecret(state, reseal.apply(sealed), prompt);
  }

  public SecretState getState() {
    return state;
  }

  public String getSealed() {
    return sealed;
  }

  public String getPrompt() {
    return prompt;
  }

  @Override
  public String toString() {
    return "StoredSecret[" + state + "]";
  }
}
