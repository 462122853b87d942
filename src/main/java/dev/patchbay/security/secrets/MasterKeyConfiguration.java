package dev.patchbay.security.secrets;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the {@link CredentialCipher}. The current AES key comes from {@code
 * patchbay.security.master-key} (base64, env {@code PATCHBAY_MASTER_KEY}) and decrypt-only keys
 * from {@code patchbay.security.previous-master-keys}. When no key is configured, the key files of
 * {@link MasterKeyFiles} are used (the embedded default); with {@code
 * patchbay.security.rotate-master-key} set, a new file key is generated first and the old one kept
 * as previous.
 */
@Configuration(proxyBeanMethods = false)
public class MasterKeyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MasterKeyConfiguration.class);

  @Bean
  MasterKeySource masterKeySource(
      @Value("${patchbay.security.master-key:}") String configuredKey,
      @Value("${patchbay.security.previous-master-keys:}") String previousKeys,
      @Value("${patchbay.security.rotate-master-key:false}") boolean rotate,
      @Value("${patchbay.data-dir}") Path dataDir) {
    List<MasterKey> configuredPrevious =
        MasterKeys.decodeAll(previousKeys, "patchbay.security.previous-master-keys");
    if (!configuredKey.isBlank()) {
      return new MasterKeySource(
          MasterKeys.decode(configuredKey, "PATCHBAY_MASTER_KEY"), configuredPrevious, null);
    }
    MasterKeyFiles files = new MasterKeyFiles(dataDir);
    if (rotate) {
      files.rotate();
    }
    MasterKey current = files.current();
    List<MasterKey> previous =
        Stream.concat(files.previous().stream(), configuredPrevious.stream()).toList();
    return new MasterKeySource(current, previous, files);
  }

  @Bean
  CredentialCipher credentialCipher(MasterKeySource source) {
    CredentialCipher cipher = new CredentialCipher(source.current(), source.previous());
    log.info(
        "Master key {} seals secrets; {} previous key(s) open older values",
        cipher.currentKeyId(),
        source.previous().size());
    return cipher;
  }
}
