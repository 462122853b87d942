package dev.patchbay.security.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An AES master key and its public identifier. The id is the first 8 bytes (hex) of SHA-256 over a
 * fixed label and the key: stable, short, and it reveals nothing usable about the key.
 */
public record MasterKey(String id, SecretKey key) {

  private static final byte[] LABEL =
      "patchbay master key id\0".getBytes(StandardCharsets.US_ASCII);

  /** Wraps raw AES key bytes (128, 192 or 256 bit). */
  public static MasterKey of(byte[] bytes) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(LABEL);
      byte[] digest = sha256.digest(bytes);
      return new MasterKey(HexFormat.of().formatHex(digest, 0, 8), new SecretKeySpec(bytes, "AES"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[" + id + "]";
  }
}
