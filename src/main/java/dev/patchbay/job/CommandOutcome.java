package dev.patchbay.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.patchbay.manager.ExecuteCommandResponse;
import dev.patchbay.security.masking.SecretMasker;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * What one command (or one configure) did on one device, stored and shown to every reader of the
 * job, so with secrets masked by the secret rules: its output, cut at the configured limit ({@code
 * truncated}), the rows a template parsed from the whole output when the command asked ({@code
 * parse} or {@code template}), or the problem a single call would have answered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One command's result on one device")
public record CommandOutcome(
    @Schema(example = "show version") String command,
    boolean ok,
    String output,
    @Schema(description = "The output was cut at patchbay.jobs.output-limit-bytes")
        boolean truncated,
    @Schema(example = "r1#") String prompt,
    long elapsedMs,
    @Schema(description = "Rows the template parsed, lower-case keys; null when not asked or none")
        List<Map<String, Object>> parsed,
    @Schema(description = "Template that parsed the output") String template,
    @Schema(description = "Why parsed is null although parsing was asked for") String warning,
    @Schema(description = "Problem type URI when not ok") String type,
    @Schema(description = "Why it failed, when not ok") String detail) {

  static CommandOutcome ok(ExecuteCommandResponse done, int limit) {
    Cut cut = Cut.of(done.output(), limit);
    return new CommandOutcome(
        done.command(),
        true,
        cut.text(),
        cut.truncated(),
        done.prompt(),
        done.elapsedMs(),
        done.parsed(),
        done.template(),
        done.warning(),
        null,
        null);
  }

  static CommandOutcome ok(
      String command, String output, String prompt, long elapsedMs, int limit) {
    Cut cut = Cut.of(output, limit);
    return new CommandOutcome(
        command,
        true,
        cut.text(),
        cut.truncated(),
        prompt,
        elapsedMs,
        null,
        null,
        null,
        null,
        null);
  }

  static CommandOutcome failed(
      String command, String output, String type, String detail, int limit) {
    Cut cut = Cut.of(output == null ? "" : output, limit);
    return new CommandOutcome(
        command,
        false,
        cut.text(),
        cut.truncated(),
        null,
        0,
        null,
        null,
        null,
        type,
        SecretMasker.mask(detail));
  }

  /** Text cut to at most {@code limit} UTF-8 bytes, on a character boundary. */
  private record Cut(String text, boolean truncated) {

    static Cut of(String raw, int limit) {
      String text = SecretMasker.mask(raw);
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (bytes.length <= limit) {
        return new Cut(text, false);
      }
      int end = limit;
      while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
        end--;
      }
      return new Cut(new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8), true);
    }
  }
}
