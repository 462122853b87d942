package dev.patchbay.inventory;

/** What is known about a stored secret value. */
public enum SecretState {
  /** The value is known and stored encrypted. */
  STORED,
  /** pyATS {@code %ASK{}}: the value must be supplied over REST before connecting. */
  ASK,
  /**
   * pyATS {@code %ENC{}} that could not be decrypted (no or wrong pyATS key); the token is kept.
   */
  UNRESOLVED,
  /**
   * pyATS {@code %ENV{NAME}}: read from Patchbay's environment each time a connection opens; the
   * variable's name is kept, never a value.
   */
  ENV
}
