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
 * src/test/e2e/web-terminal.mjs} (playwright-core, no downloaded browser): with the test ADMIN
 * token, opens a simulated router's terminal by deep link and sees the prompt without a key press,
 * types as the opener, reads at least 100 columns at 1280x800, pastes 20 KB whole; an OPERATOR
 * (attaching from the sessions view) and a VIEWER (which cannot take write control; both tokens
 * created through {@code POST /api/v1/tokens}) see the output; write handoff, reconnect after a
 * dropped WebSocket, re-attach after a reload, device search with one list call; the token stays in
 * sessionStorage and out of URLs (the WebSocket carries a ticket); plays, seeks and downloads the
 * recording; saves a screenshot of each view under {@code target/console-screenshots}. Needs {@code
 * node}, {@code npm} and {@code /usr/bin/chromium}; fails when they are missing.
 */
@Timeout(300)
class WebConsoleE2eTest extends TerminalTestSupport {

  private static final Path E2E = Path.of("src/test/e2e");

  /** The console's npm packages, copied to static/vendor by vendor.mjs. */
  private static final Path FRONTEND = Path.of("src/main/frontend");

  /** Fresh on every run; copy them to docs/ to update the README's pictures. */
  private static final Path SCREENSHOTS = Path.of("target/console-screenshots").toAbsolutePath();

  @Test
  void typesInOneBrowserAndSeesItInAnotherThenReplaysTheRecording() throws Exception {
    assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")))
        .as("Debian chromium (apt-get install chromium)")
        .isExecutable();
    if (!Files.isDirectory(E2E.resolve("node_modules/playwright-core"))) {
      run(E2E, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 180);
    }
    Files.createDirectories(SCREENSHOTS);
    try (var old = Files.list(SCREENSHOTS)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    String device = registerDevice("web");
    String other = registerDevice("web"); // leased; the device search must leave it out
    String output =
        run(
            E2E,
            List.of(
                "node",
                "web-terminal.mjs",
                "http://127.0.0.1:" + port,
                device,
                SCREENSHOTS.toString(),
                other),
            180);
    System.out.println(output);
    assertThat(output)
        .contains("the opener holds write control at once", "echoed whole", "e2e: ok");
    for (String view : List.of("terminal", "devices", "sessions", "jobs", "recordings", "player")) {
      assertThat(SCREENSHOTS.resolve("console-" + view + ".png")).isNotEmptyFile();
    }
  }

  @Test
  void theVendoredLibrariesAreTheirPinnedNpmPackages() throws Exception {
    if (!Files.isDirectory(FRONTEND.resolve("node_modules/asciinema-player"))) {
      run(FRONTEND, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 180);
    }
    assertThat(run(FRONTEND, List.of("node", "vendor.mjs", "--check"), 60))
        .contains("vendor: up to date");
  }

  private static String run(Path directory, List<String> command, int seconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("e2e", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
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
