package dev.patchbay.parse;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Turns command output into records with TextFSM templates, chosen by name or from the template
 * index by the device's {@code os}/{@code platform} and the command. A template that does not
 * compile or whose {@code Error} rule matches is a {@code parse-failed} problem naming the template
 * and its line; a command without a template is a warning, not an error. Callers that run commands
 * choose the template first ({@link #choose}), so a bad name is refused before the device is used.
 */
@Service
public class ParseService {

  private final TemplateLibrary library;
  private final ParseProperties properties;

  ParseService(TemplateLibrary library, ParseProperties properties) {
    this.library = library;
    this.properties = properties;
  }

  /**
   * The template for {@code command}: {@code template} by name when given (a {@code validation}
   * problem on {@code field} if it does not exist), else the index row for the device's platforms;
   * empty when the index has none.
   */
  public Optional<ParseTemplate> choose(
      String os, String platform, String command, String template, String field) {
    if (template != null) {
      if (!TemplateLibrary.isTemplateName(template)) {
        throw invalid(field, "is not a template file name: " + template);
      }
      return Optional.of(
          library
              .byName(template)
              .orElseThrow(() -> invalid(field, "names no template: " + template)));
    }
    return library.byCommand(properties.indexPlatforms(os, platform), normalise(command));
  }

  /** Parses {@code output} with {@code template}, or explains why there is no template. */
  public Parsed parse(
      Optional<ParseTemplate> template, String os, String platform, String command, String output) {
    if (template.isEmpty()) {
      return new Parsed(
          null,
          null,
          "no template for '"
              + command
              + "' on index platforms "
              + properties.indexPlatforms(os, platform));
    }
    return parse(template.get(), output);
  }

  /** {@link #choose} then {@link #parse}, for callers that hold the output already. */
  public Parsed parse(String os, String platform, String command, String output, String template) {
    return parse(
        choose(os, platform, command, template, "template"), os, platform, command, output);
  }

  /** Parses {@code output} with {@code template}. */
  public Parsed parse(ParseTemplate template, String output) {
    try {
      return new Parsed(template.parse(output), template.name(), null);
    } catch (ParseFailure e) {
      throw failed(template.name(), e.line(), e.getMessage());
    }
  }

  /** Compiles template text given inline (to try a template before installing it). */
  public ParseTemplate inline(String text) {
    try {
      return new ParseTemplate("inline", "inline", List.of(TextFsm.compile(text)));
    } catch (TemplateException e) {
      throw failed("inline", e.line(), e.getMessage());
    }
  }

  /** The index rows of every template available, the templates directory's first. */
  public List<TemplateInfo> templates() {
    return library.list();
  }

  static PatchbayException failed(String template, int line, String detail) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("template", template);
    properties.put("line", line);
    return new PatchbayException(
        ProblemType.PARSE_FAILED, "template " + template + ": " + detail, List.of(), properties);
  }

  private static PatchbayException invalid(String field, String message) {
    return PatchbayException.invalid(
        "the request has invalid fields", List.of(new FieldProblem(field, message)));
  }

  /** Runs of blanks as one space, trimmed: how the index expects a command. */
  private static String normalise(String command) {
    return command == null ? "" : command.strip().replaceAll("\\s+", " ");
  }
}
