package dev.patchbay.deploy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Turns a Helm template into plain YAML without rendering it, so it can be parsed statically.
 *
 * <p>Lines that consist only of template actions ({@code {{- if }}}, {@code {{- end }}}, {@code {{-
 * include ... | nindent 4 }}}) are dropped; every other action is replaced by the scalar {@value
 * #PLACEHOLDER}. Actions must not span lines. {@link #render} first expands {@code {{- toYaml
 * .Values.a.b | nindent N }}} lines with the values given, so blocks copied from values.yaml (such
 * as the security contexts) can be checked where they end up.
 */
final class HelmTemplateStripper {

  /** Scalar that stands in for a template action inside a line. */
  static final String PLACEHOLDER = "TEMPLATED";

  private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}");
  private static final Pattern TO_YAML =
      Pattern.compile("\\s*\\{\\{-? toYaml \\.Values((?:\\.\\w+)+) \\| nindent (\\d+) -?}}\\s*");

  private HelmTemplateStripper() {}

  /** Returns {@code template} with its actions removed or replaced as described above. */
  static String strip(String template) {
    return template
        .lines()
        .filter(line -> !ACTION.matcher(line).replaceAll("").isBlank() || line.isBlank())
        .map(line -> ACTION.matcher(line).replaceAll(PLACEHOLDER))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** {@link #strip} after expanding {@code toYaml .Values...} lines from {@code values}. */
  static String render(String template, Map<String, Object> values) {
    return strip(
        template
            .lines()
            .map(line -> expandToYaml(line, values))
            .collect(Collectors.joining("\n", "", "\n")));
  }

  private static String expandToYaml(String line, Map<String, Object> values) {
    Matcher matcher = TO_YAML.matcher(line);
    if (!matcher.matches()) {
      return line;
    }
    Object value = values;
    for (String segment : matcher.group(1).substring(1).split("\\.")) {
      if (!(value instanceof Map<?, ?> parent) || !parent.containsKey(segment)) {
        return line;
      }
      value = parent.get(segment);
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    String indent = " ".repeat(Integer.parseInt(matcher.group(2)));
    return new Yaml(options)
        .dump(value)
        .lines()
        .map(dumped -> indent + dumped)
        .collect(Collectors.joining("\n"));
  }
}
