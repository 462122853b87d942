package dev.patchbay.security.masking;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Secret rules an operator adds to the built-in ones ({@code patchbay.masking.rules[i].name},
 * {@code .pattern} (RE2 syntax), {@code .group} (default 1; a list where several groups hold
 * secrets), {@code .keywords} (optional, lower case; without them every line is searched) and
 * {@code .example} (a line the rule must mask, checked at start-up)).
 */
@ConfigurationProperties("patchbay.masking")
public record MaskingProperties(List<Rule> rules) {

  public MaskingProperties {
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  /** One added rule. */
  public record Rule(
      String name, String pattern, List<Integer> group, List<String> keywords, String example) {}
}
