package dev.patchbay.security.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes API token strings: {@code pb_} and 32 random bytes in base64url. A token has 256
 * bits of entropy, so one unsalted SHA-256 is enough to store it (no password stretching needed).
 */
public final class TokenSecrets {

  static final String PREFIX = "pb_";
  private static final int HINT_LENGTH = 7;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The first characters of a token, enough to tell tokens apart in a listing. */
  public static String hint(String token) {
    return token.substring(0, Math.min(HINT_LENGTH, token.length())) + "…";
  }
}
