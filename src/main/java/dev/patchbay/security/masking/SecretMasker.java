package dev.patchbay.security.masking;

/**
 * Masks secrets wherever text leaves the service or is kept: recordings (typed input and device
 * echo), audit details, problem details and, as the last line of defence, log lines (the logback
 * converters, which Spring cannot hand a bean, reach it statically). It applies the {@link
 * SecretRules} in force: the built-in ones until {@link MaskingConfiguration} adds those of {@code
 * patchbay.masking.rules} at start-up. Code must still never log a secret on purpose.
 */
public final class SecretMasker {

  static final String MASK = SecretRules.MASK;

  private static volatile SecretRules rules = SecretRules.builtIn();

  private SecretMasker() {}

  /** {@code text} with every secret a rule recognises replaced by {@value #MASK}. */
  public static String mask(String text) {
    return rules.mask(text);
  }

  /** The rules in force. */
  public static SecretRules rules() {
    return rules;
  }

  /** Puts {@code value} in force for every later {@link #mask} (the whole JVM). */
  static void use(SecretRules value) {
    rules = value;
  }
}
