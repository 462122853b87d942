package dev.patchbay.security.masking;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} (stack traces) with {@link SecretMasker} applied to exception messages
 * that carry a secret.
 */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return SecretMasker.mask(super.convert(event));
  }
}
