package dev.patchbay.inventory.pyats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Test-side Fernet encryption, to produce tokens the way pyATS (python cryptography) does. */
public final class FernetTokens {

  /** The pyATS key the HTTP tests configure (32 bytes, URL-safe base64). */
  public static final String TEST_KEY = "cGF0Y2hiYXktdGVzdC1weWF0cy1rZXktMzItYnl0ZSE=";

  private FernetTokens() {}

  public static String encrypt(String key, String plaintext) throws Exception {
    byte[] raw = Base64.getUrlDecoder().decode(key);
    byte[] iv = new byte[16];
    new SecureRandom().nextBytes(iv);
    Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(Arrays.copyOfRange(raw, 16, 32), "AES"),
        new IvParameterSpec(iv));
    byte[] cipherText = aes.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
    ByteBuffer body = ByteBuffer.allocate(1 + 8 + 16 + cipherText.length);
    body.put((byte) 0x80).putLong(System.currentTimeMillis() / 1000).put(iv).put(cipherText);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Arrays.copyOfRange(raw, 0, 16), "HmacSHA256"));
    byte[] signed = mac.doFinal(body.array());
    ByteBuffer token = ByteBuffer.allocate(body.capacity() + 32).put(body.array()).put(signed);
    return Base64.getUrlEncoder().encodeToString(token.array());
  }
}
