package dev.patchbay.inventory.pyats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts Fernet tokens (https://github.com/fernet/spec), the format of pyATS {@code %ENC{}}
 * strings when a secret key is configured: {@code 0x80 | timestamp(8) | IV(16) | AES-128-CBC
 * ciphertext | HMAC-SHA256(32)}, URL-safe base64. The HMAC is verified before decrypting; the
 * timestamp is not checked (pyATS tokens have no time-to-live).
 */
public final class FernetDecryptor {

  private static final byte VERSION = (byte) 0x80;
  private static final int HEADER = 1 + 8 + 16;
  private static final int MAC_BYTES = 32;

  private final SecretKeySpec signingKey;
  private final SecretKeySpec encryptionKey;

  /** {@code key}: 32 bytes in URL-safe base64 (what {@code Fernet.generate_key()} prints). */
  public FernetDecryptor(String key) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the pyATS key is not URL-safe base64", e);
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(
          "the pyATS key must decode to 32 bytes, not " + raw.length);
    }
    signingKey = new SecretKeySpec(Arrays.copyOfRange(raw, 0, 16), "HmacSHA256");
    encryptionKey = new SecretKeySpec(Arrays.copyOfRange(raw, 16, 32), "AES");
  }

  /** The plaintext of {@code token}; fails for malformed, tampered or foreign tokens. */
  public String decrypt(String token) throws InvalidTokenException {
    byte[] data;
    try {
      data = Base64.getUrlDecoder().decode(token.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("not URL-safe base64");
    }
    int cipherBytes = data.length - HEADER - MAC_BYTES;
    if (cipherBytes < 16 || cipherBytes % 16 != 0 || data[0] != VERSION) {
      throw new InvalidTokenException("not a Fernet token");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(signingKey);
      mac.update(data, 0, data.length - MAC_BYTES);
      byte[] expected = mac.doFinal();
      byte[] actual = Arrays.copyOfRange(data, data.length - MAC_BYTES, data.length);
      if (!MessageDigest.isEqual(expected, actual)) {
        throw new InvalidTokenException("signature does not match the configured key");
      }
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(data, 9, 16));
      byte[] plain = cipher.doFinal(data, HEADER, cipherBytes);
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidTokenException("plaintext is not UTF-8");
    } catch (GeneralSecurityException e) {
      throw new InvalidTokenException("cannot be decrypted");
    }
  }

  /** A token that is malformed or was not produced with the configured key. */
  public static final class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
      super(message);
    }
  }
}
