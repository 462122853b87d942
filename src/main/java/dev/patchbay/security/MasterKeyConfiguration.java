package dev.patchbay.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the {@link CredentialCipher}. The AES key comes from {@code
 * patchbay.security.master-key} (base64, env {@code PATCHBAY_MASTER_KEY}); when empty, a 256-bit
 * key is generated once into {@code <data-dir>/master.key} (owner-only permissions) so the embedded
 * default works at once.
 */
@Configuration(proxyBeanMethods = false)
public class MasterKeyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MasterKeyConfiguration.class);

  @Bean
  CredentialCipher credentialCipher(
      @Value("${patchbay.security.master-key:}") String configuredKey,
      @Value("${patchbay.data-dir}") Path dataDir) {
    byte[] key =
        configuredKey.isBlank() ? keyFile(dataDir) : decode(configuredKey, "PATCHBAY_MASTER_KEY");
    return new CredentialCipher(new SecretKeySpec(key, "AES"));
  }

  private static byte[] keyFile(Path dataDir) {
    Path file = dataDir.resolve("master.key");
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
      }
      Files.createDirectories(dataDir);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
      restrictToOwner(file);
      log.info("Generated a new master key in {}; set PATCHBAY_MASTER_KEY in production", file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key file " + file, e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static byte[] decode(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + " is not valid base64", e);
    }
    if (!Set.of(16, 24, 32).contains(key.length)) {
      throw new IllegalStateException(
          source
              + " must decode to a 128, 192 or 256-bit AES key, not "
              + key.length * 8
              + " bits");
    }
    return key;
  }
}
