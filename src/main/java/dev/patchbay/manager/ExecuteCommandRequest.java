package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One command to run on a session. */
@Schema(description = "A command to run")
public record ExecuteCommandRequest(
    @Schema(example = "show version", requiredMode = Schema.RequiredMode.REQUIRED) String command,
    @Schema(example = "60", description = "Default: the connection's execute timeout")
        Integer timeoutSeconds,
    @Schema(description = "Regular expression of the prompt that ends the command") String prompt,
    @Schema(description = "Dialog steps tried in order before the prompt")
        List<ReplyStatement> reply,
    @Schema(description = "Regular expressions marking a failed command; default: the OS profile's")
        List<String> errorPatterns,
    @Schema(
            description =
                "Parse the output with the template the index names for the device's os/platform"
                    + " and the command")
        Boolean parse,
    @Schema(
            example = "cisco_ios_show_version.textfsm",
            description = "Parse the output with this template (implies parse)")
        String template) {}
