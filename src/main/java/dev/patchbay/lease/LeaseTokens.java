package dev.patchbay.lease;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Random lease ids and tokens, and the tokens' SHA-256 hashes (only the hash is stored). */
@Component
class LeaseTokens {

  /** Ids stay below 2^53, so that JavaScript clients read them exactly. */
  private static final long ID_BOUND = 1L << 53;

  private final SecureRandom random = new SecureRandom();

  /**
   * A lease id drawn at random (53 bits), so that ids reveal neither how many leases there were nor
   * the id of anyone else's lease; a collision (one in 2^53 per pair) fails the grant's insert.
   */
  long newId() {
    return random.nextLong(1, ID_BOUND);
  }

  String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Constant-time comparison of a presented token with a stored hash. */
  boolean matches(String token, String storedHash) {
    return MessageDigest.isEqual(
        hash(token).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
