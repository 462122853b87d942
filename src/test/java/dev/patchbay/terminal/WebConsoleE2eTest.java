package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web console end to end in Debian's headless Chromium, driven by {@code
 * src/test/e2e/web-terminal.mjs} (playwright-core, no downloaded browser): with the test ADMIN
 * token, opens a simulated router's terminal by deep link and sees the prompt without a key press,
 * types as the opener, reads at least 100 columns at 1280x800, pastes 20 KB whole; an OPERATOR
 * (attaching from the sessions view) and a VIEWER (which cannot take write control; both tokens
 * created through {@code POST /api/v1/tokens}) see the output; the sessions view names writer and
 * viewers and shows a session opened and closed over REST without a reload or a request; write
 * handoff and an ADMIN's audited force; 10 KB through the Paste button and Copy; reconnect after a
 * dropped WebSocket, re-attach after a reload, device search with one list call; End session says
 * who closed it and why; the token stays in sessionStorage and out of URLs (the WebSocket carries a
 * ticket); plays, seeks and downloads the recording, whose markers name each writer; saves a
 * screenshot of each view under {@code target/console-screenshots}. Needs {@code node}, {@code npm}
 * and {@code /usr/bin/chromium}; fails when they are missing.
 */
@Timeout(300)
class WebConsoleE2eTest extends TerminalTestSupport {

  /** The console's npm packages, copied to static/vendor by vendor.mjs. */
  private static final Path FRONTEND = Path.of("src/main/frontend");

  /** Fresh on every run; copy them to docs/ to update the README's pictures. */
  private static final Path SCREENSHOTS = Path.of("target/console-screenshots").toAbsolutePath();

  @Test
  void typesInOneBrowserAndSeesItInAnotherThenReplaysTheRecording() throws Exception {
    E2eProcess.prepare();
    Files.createDirectories(SCREENSHOTS);
    try (var old = Files.list(SCREENSHOTS)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    String device = registerDevice("web");
    String other = registerDevice("web"); // leased; the device search must leave it out
    String output =
        E2eProcess.run(
            E2eProcess.E2E,
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
      E2eProcess.run(
          FRONTEND, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 180);
    }
    assertThat(E2eProcess.run(FRONTEND, List.of("node", "vendor.mjs", "--check"), 60))
        .contains("vendor: up to date");
  }
}
