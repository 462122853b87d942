package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.TestApiToken;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web console end to end in Debian's headless Chromium, driven by {@code
 * src/test/e2e/web-terminal.mjs} (playwright-core, no downloaded browser): signs in with the test
 * ADMIN token, opens a terminal on a simulated router, types {@code show version}, sees the output
 * in an OPERATOR's browser and in a VIEWER's (which cannot take write control; both tokens created
 * through {@code POST /api/v1/tokens}), checks that the token stays in sessionStorage and out of
 * URLs (the WebSocket carries a ticket), replays the recording and saves a screenshot to {@code
 * target/web-terminal.png}. Needs {@code node}, {@code npm} and {@code /usr/bin/chromium}; fails
 * when they are missing.
 */
@Timeout(240)
class WebConsoleE2eTest extends TerminalTestSupport {

  private static final Path E2E = Path.of("src/test/e2e");

  /** Fresh on every run; copy it to docs/web-terminal.png to update the README's picture. */
  private static final Path SCREENSHOT = Path.of("target/web-terminal.png").toAbsolutePath();

  @Test
  void typesInOneBrowserAndSeesItInAnotherThenReplaysTheRecording() throws Exception {
    assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")))
        .as("Debian chromium (apt-get install chromium)")
        .isExecutable();
    if (!Files.isDirectory(E2E.resolve("node_modules/playwright-core"))) {
      run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 180);
    }
    Files.deleteIfExists(SCREENSHOT);
    String device = registerDevice("web");
    String output =
        run(
            List.of(
                "node",
                "web-terminal.mjs",
                "http://127.0.0.1:" + port,
                device,
                SCREENSHOT.toString()),
            150);
    System.out.println(output);
    assertThat(output)
        .contains(
            "second viewer received the output", "the VIEWER received the output live", "e2e: ok");
    assertThat(SCREENSHOT).isNotEmptyFile();
  }

  private static String run(List<String> command, int seconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("e2e", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(E2E.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // In the environment, not on the command line (ps shows that to everyone on the machine).
    builder.environment().put("PATCHBAY_E2E_ADMIN_TOKEN", TestApiToken.ADMIN);
    Process process = builder.start();
    boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(finished).as("%s finished in %d s:%n%s", command, seconds, output).isTrue();
    assertThat(process.exitValue()).as("%s exit code:%n%s", command, output).isZero();
    return output;
  }
}
