package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Commands run one after another on the same connection. */
@Schema(description = "Commands to run in order")
public record ExecuteBatchRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> commands,
    @Schema(description = "Per command; default: the connection's execute timeout")
        Integer timeoutSeconds,
    @Schema(description = "Skip the remaining commands after a failed one (default true)")
        Boolean stopOnError,
    @Schema(description = "Parse every command's output with the template the index names")
        Boolean parse,
    @Schema(
            description =
                "Command → template name: that command's output is parsed with it (whatever"
                    + " 'parse' says)",
            example = "{\"show version\": \"cisco_ios_show_version.textfsm\"}")
        Map<String, String> templates) {}
