package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed {@code docs/openapi.json} (which {@link OpenApiSpecTest} keeps equal to what the
 * service serves) passes {@code redocly lint} with the recommended rules and no error or warning:
 * clients are generated from it. Redocly CLI is pinned in {@code src/test/openapi-lint} and
 * installed there with {@code npm ci} on first run; needs {@code node} and {@code npm}.
 */
class OpenApiLintTest {

  private static final Path LINT = Path.of("src/test/openapi-lint");

  @Test
  void theCommittedSpecHasNoLintErrorOrWarning() throws Exception {
    if (!Files.isDirectory(LINT.resolve("node_modules/@redocly/cli"))) {
      Result install =
          run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 180);
      assertThat(install.exitCode())
          .as("npm ci:%n%s%s", install.output(), install.errors())
          .isZero();
    }
    Result lint =
        run(
            List.of(
                "node",
                "node_modules/@redocly/cli/bin/cli.js",
                "lint",
                "--format=json",
                Path.of("docs/openapi.json").toAbsolutePath().toString()),
            120);
    String report = lint.output();
    assertThat(report).as("redocly lint report:%n%s", lint.errors()).startsWith("{");
    JsonNode totals = JsonMapper.builder().build().readTree(report).path("totals");
    assertThat(totals.path("errors").asInt(-1)).as("lint errors:%n%s", report).isZero();
    assertThat(totals.path("warnings").asInt(-1)).as("lint warnings:%n%s", report).isZero();
    assertThat(lint.exitCode()).as("redocly lint exit code:%n%s", report).isZero();
  }

  private record Result(int exitCode, String output, String errors) {}

  private static Result run(List<String> command, int seconds) throws Exception {
    Path log = Files.createTempFile("openapi-lint", ".log");
    Path errors = Files.createTempFile("openapi-lint", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(LINT.toFile())
            .redirectOutput(log.toFile())
            .redirectError(errors.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    Process process = builder.start();
    boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    String messages = Files.readString(errors, StandardCharsets.UTF_8);
    Files.delete(log);
    Files.delete(errors);
    assertThat(finished).as("%s finished in %d s:%n%s", command, seconds, messages).isTrue();
    return new Result(process.exitValue(), output, messages);
  }
}
