package dev.patchbay.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

class HeaderCharactersTest {

  /** Spring Security's own patterns, which the predicates replace. */
  private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

  private static final Pattern VALUE =
      Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

  private static final List<String> SAMPLES =
      List.of(
          "",
          "Authorization",
          "Bearer pb_abc.DEF-123_~+/=",
          "text/html; q=0.9, */*",
          "tab\there",
          "line\nfeed",
          "carriage\rreturn",
          "nul\u0000",
          "delete\u007f",
          "c1 control\u0085",
          "unassigned\u0378",
          "caf\u00e9 \u00fc\u00df",
          "emoji \ud83d\ude00",
          "lone surrogate \ud83d",
          "private use \ue000",
          "pipe|pipe",
          "zero width\u200b joiner\u200d",
          "line separator\u2028");

  @Test
  void namesAndValuesAreJudgedAsSpringSecuritysPatternsJudgeThem() {
    for (String sample : SAMPLES) {
      assertThat(HeaderCharacters.NAME.test(sample))
          .as("name %s", sample)
          .isEqualTo(NAME.matcher(sample).matches());
      assertThat(HeaderCharacters.VALUE.test(sample))
          .as("value %s", sample)
          .isEqualTo(VALUE.matcher(sample).matches());
    }
  }

  @Test
  void anAbsentHeaderPassesAsWithSpringSecuritysOwnPredicates() {
    assertThat(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null)).isTrue();
    assertThat(HeaderCharacters.VALUE.test(null)).isTrue();
    assertThat(HeaderCharacters.NAME.test(null)).isTrue();
  }

  @Test
  void tabsAreAllowedInValuesOnly() {
    assertThat(HeaderCharacters.VALUE.test("a\tb")).isTrue();
    assertThat(HeaderCharacters.NAME.test("a\tb")).isFalse();
  }
}
