package dev.patchbay.parse;

import io.swagger.v3.oas.annotations.media.Schema;

/** One row of a template index: which template parses which command on which platform. */
@Schema(description = "A template and the commands it is chosen for")
public record TemplateInfo(
    @Schema(example = "cisco_ios_show_version.textfsm") String template,
    @Schema(example = "cisco_ios", description = "Index platform regex") String platform,
    @Schema(example = "sh[[ow]] ver[[sion]]", description = "Index command regex") String command,
    @Schema(example = "built-in", description = "built-in, or directory (templates-dir)")
        String source) {

  static TemplateInfo of(TemplateIndex.Entry entry, String source) {
    return new TemplateInfo(
        String.join(":", entry.templates()), entry.platform(), entry.command(), source);
  }
}
