package dev.patchbay.parse;

import io.swagger.v3.oas.annotations.media.Schema;

/** Text to parse and how to choose the template: by name, inline, or from the index. */
@Schema(
    description =
        "Text and one of: template (a name), templateText (a template, to try it), or command with"
            + " os/platform (the index chooses)")
public record ParseRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Output to parse")
        String text,
    @Schema(example = "cisco_ios_show_version.textfsm") String template,
    @Schema(description = "TextFSM template text") String templateText,
    @Schema(example = "show version") String command,
    @Schema(example = "iosxe") String os,
    @Schema(example = "c8000v") String platform) {}
