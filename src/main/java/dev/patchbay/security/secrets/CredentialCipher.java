package dev.patchbay.security.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest with AES-GCM under the current {@link MasterKey}. A sealed value reads
 * {@code gcm2:<keyId>:<base64(iv | ciphertext | tag)>}, with a fresh random 96-bit IV per seal.
 * Values sealed under a previous (decrypt-only) key still open, and so do the older {@code
 * gcm1:<base64>} values, which do not name their key: every configured key is tried.
 */
public class CredentialCipher {

  private static final String LEGACY_PREFIX = "gcm1:";
  private static final String PREFIX = "gcm2:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final MasterKey current;
  private final Map<String, MasterKey> keys = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** Seals under {@code current}; opens values sealed under it or any of {@code previous}. */
  public CredentialCipher(MasterKey current, List<MasterKey> previous) {
    this.current = current;
    keys.put(current.id(), current);
    previous.forEach(key -> keys.putIfAbsent(key.id(), key));
  }

  /** A cipher with one key and no previous ones. */
  public CredentialCipher(MasterKey current) {
    this(current, List.of());
  }

  /** The id of the key new values are sealed under. */
  public String currentKeyId() {
    return current.id();
  }

  /** Encrypts a plaintext secret under the current key. */
  public String seal(String plaintext) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, current.key(), new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts a value produced by {@link #seal} under any configured key.
   *
   * @throws SecretUnreadableException if it names a key that is not configured, was tampered with,
   *     or is not a sealed value at all
   */
  public String open(String sealed) {
    if (sealed != null && sealed.startsWith(PREFIX)) {
      int colon = sealed.indexOf(':', PREFIX.length());
      String keyId = colon < 0 ? "" : sealed.substring(PREFIX.length(), colon);
      MasterKey key = keys.get(keyId);
      if (key == null) {
        throw new SecretUnreadableException(
            "it was sealed under master key "
                + keyId
                + ", which is not configured (configured: "
                + String.join(", ", keys.keySet())
                + "); add that key to patchbay.security.previous-master-keys");
      }
      return decrypt(key, sealed.substring(colon + 1))
          .orElseThrow(
              () ->
                  new SecretUnreadableException(
                      "it does not decrypt under master key " + keyId + " (tampered with?)"));
    }
    if (sealed != null && sealed.startsWith(LEGACY_PREFIX)) {
      String body = sealed.substring(LEGACY_PREFIX.length());
      for (MasterKey key : keys.values()) {
        Optional<String> plain = decrypt(key, body);
        if (plain.isPresent()) {
          return plain.get();
        }
      }
      throw new SecretUnreadableException(
          "it was sealed (gcm1) under a master key that is not configured (configured: "
              + String.join(", ", keys.keySet())
              + "); add that key to patchbay.security.previous-master-keys");
    }
    throw new SecretUnreadableException("it is not a sealed value");
  }

  /** Whether {@code sealed} is already sealed under the current key (rotation skips it). */
  private boolean isCurrent(String sealed) {
    return sealed != null && sealed.startsWith(PREFIX + current.id() + ":");
  }

  /** Opens {@code sealed} and seals it again under the current key, unless it already is. */
  public String reseal(String sealed) {
    return isCurrent(sealed) ? sealed : seal(open(sealed));
  }

  private static Optional<String> decrypt(MasterKey key, String base64) {
    byte[] in;
    try {
      in = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (in.length < IV_BYTES) {
      return Optional.empty();
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return Optional.of(new String(plain, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
