package dev.patchbay.security.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Rules from {@code patchbay.masking.rules}, bound as Spring binds them, join the built-in ones.
 */
class MaskingConfigurationTest {

  @AfterEach
  void restoreTheBuiltInRules() {
    SecretMasker.use(SecretRules.builtIn());
  }

  @Test
  void aConfiguredRuleIsInForceWithTheBuiltInOnes() {
    new MaskingConfiguration(
        bind(
            Map.of(
                "patchbay.masking.rules[0].name", "lab-vault-pin",
                "patchbay.masking.rules[0].pattern", "vault-pin\\s+(\\S+)",
                "patchbay.masking.rules[0].keywords", "vault-pin",
                "patchbay.masking.rules[0].example", "vault-pin 4711")));

    assertThat(SecretMasker.mask("vault-pin 8080\nenable secret 5 x"))
        .isEqualTo("vault-pin *****\nenable secret 5 *****");
    assertThat(SecretMasker.rules().rules()).hasSize(SecretRules.builtIn().rules().size() + 1);
  }

  @Test
  void aRuleThatDoesNotMaskItsExampleStopsTheStart() {
    MaskingProperties properties =
        bind(
            Map.of(
                "patchbay.masking.rules[0].name", "broken",
                "patchbay.masking.rules[0].pattern", "pin=(\\d+)",
                "patchbay.masking.rules[0].group", "1",
                "patchbay.masking.rules[0].example", "no pin here"));

    assertThatThrownBy(() -> new MaskingConfiguration(properties))
        .hasMessageContaining("secret rule 'broken'");
  }

  private static MaskingProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bind("patchbay.masking", MaskingProperties.class)
        .get();
  }
}
