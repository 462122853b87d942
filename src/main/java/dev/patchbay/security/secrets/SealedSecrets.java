package dev.patchbay.security.secrets;

/**
 * A place that persists values sealed by the {@link CredentialCipher}. Every such place is a bean
 * of this type, so that {@link MasterKeyRotation} re-seals all of them.
 */
public interface SealedSecrets {

  /** A short name for the rotation report, e.g. {@code credentials}. */
  String name();

  /**
   * Re-seals every stored value under the current key with {@link CredentialCipher#reseal}, locking
   * the rows it changes. Runs inside the rotation's transaction.
   */
  ResealCount reseal(CredentialCipher cipher);

  /** How many sealed values a store holds, and how many of them a rotation re-sealed. */
  record ResealCount(String store, int resealed, int unchanged) {

    /** Counts one value: re-sealed when {@code after} differs from {@code before}. */
    public ResealCount plus(String before, String after) {
      return before.equals(after)
          ? new ResealCount(store, resealed, unchanged + 1)
          : new ResealCount(store, resealed + 1, unchanged);
    }
  }
}
