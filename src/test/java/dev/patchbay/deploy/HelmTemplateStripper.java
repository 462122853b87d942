package dev.patchbay.deploy;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a Helm template into plain YAML without rendering it, so it can be parsed statically.
 *
 * <p>Lines that consist only of template actions ({@code {{- if }}}, {@code {{- end }}}, {@code {{-
 * include ... | nindent 4 }}}) are dropped; every other action is replaced by the scalar {@value
 * #PLACEHOLDER}. Actions must not span lines.
 */
final class HelmTemplateStripper {

  /** Scalar that stands in for a template action inside a line. */
  static final String PLACEHOLDER = "TEMPLATED";

  private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}");

  private HelmTemplateStripper() {}

  /** Returns {@code template} with its actions removed or replaced as described above. */
  static String strip(String template) {
    return template
        .lines()
        .filter(line -> !ACTION.matcher(line).replaceAll("").isBlank() || line.isBlank())
        .map(line -> ACTION.matcher(line).replaceAll(PLACEHOLDER))
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
