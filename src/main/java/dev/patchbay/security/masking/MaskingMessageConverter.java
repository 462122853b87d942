package dev.patchbay.security.masking;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback {@code %m}/{@code %msg}/{@code %message} with {@link SecretMasker} applied; registered in
 * {@code logback-spring.xml} so that Spring Boot's log format stays as it is.
 */
public class MaskingMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return SecretMasker.mask(super.convert(event));
  }
}
