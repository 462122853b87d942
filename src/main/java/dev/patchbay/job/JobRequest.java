package dev.patchbay.job;

import dev.patchbay.manager.ExecuteCommandRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A job as a client writes it: the target (devices by name, or a testbed narrowed by os, type and
 * name pattern) and the work on each device: {@code commands}, or {@code configure} lines, or
 * neither (open sessions under {@code alias} and keep them).
 */
@Schema(description = "Run commands, configuration or a connect across many devices")
public record JobRequest(
    @Schema(description = "Device names; or give testbed", example = "[\"r1\", \"r2\"]")
        List<String> devices,
    @Schema(description = "Every device of this testbed (narrowed by os, type, namePattern)")
        String testbed,
    @Schema(description = "Only devices with this os", example = "iosxe") String os,
    @Schema(description = "Only devices with this type", example = "router") String type,
    @Schema(description = "Only devices whose name matches this glob (* and ?)", example = "core-*")
        String namePattern,
    @Schema(description = "Commands run in order on each device, as execute takes them")
        List<ExecuteCommandRequest> commands,
    @Schema(description = "Configuration lines applied on each device, as configure takes them")
        List<String> configure,
    @Schema(
            example = "default",
            description =
                "With work: a live session of this alias is used, else a transient one is opened"
                    + " and closed at the end. Without work: sessions are opened and kept under it"
                    + " (default: the device's default alias)")
        String alias,
    @Schema(example = "32", minimum = "1", description = "Devices worked on at once")
        Integer concurrency,
    @Schema(
            example = "120",
            minimum = "1",
            maximum = "86400",
            description =
                "Time for each device's work; a command without timeoutSeconds may use it all")
        Integer deviceTimeoutSeconds,
    @Schema(description = "Stop starting devices after the first device fails (default false)")
        Boolean stopOnError,
    JobWebhook webhook) {

  JobKind kind() {
    if (commands != null && !commands.isEmpty()) {
      return JobKind.EXECUTE;
    }
    return configure != null && !configure.isEmpty() ? JobKind.CONFIGURE : JobKind.CONNECT;
  }

  /** This request as stored and shown: the webhook without its secret. */
  JobRequest withoutSecret() {
    return new JobRequest(
        devices,
        testbed,
        os,
        type,
        namePattern,
        commands,
        configure,
        alias,
        concurrency,
        deviceTimeoutSeconds,
        stopOnError,
        webhook == null ? null : new JobWebhook(webhook.url(), null));
  }
}
