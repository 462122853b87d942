package dev.patchbay.security.masking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the built-in secret rules plus those of {@code patchbay.masking.rules} in force at start-up;
 * a rule that does not compile or does not mask its own example stops the start, naming it.
 */
@Component
class MaskingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MaskingConfiguration.class);

  MaskingConfiguration(MaskingProperties properties) {
    SecretRules rules =
        SecretRules.builtIn()
            .with(
                properties.rules().stream()
                    .map(
                        r ->
                            SecretRules.configured(
                                r.name(), r.pattern(), r.group(), r.keywords(), r.example()))
                    .toList());
    SecretMasker.use(rules);
    log.info(
        "Masking secrets with {} rules ({} from patchbay.masking.rules)",
        rules.rules().size(),
        properties.rules().size());
  }
}
