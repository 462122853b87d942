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

/**
 * Runs a Node.js program of the console's end-to-end tests (src/test/e2e) with the test ADMIN token
 * in its environment, installing playwright-core first when it is missing; fails when it does not
 * finish in time or exits non-zero. Needs {@code node}, {@code npm} and {@code /usr/bin/chromium}.
 */
final class E2eProcess {

  static final Path E2E = Path.of("src/test/e2e");

  private E2eProcess() {}

  /** Checks that Chromium is there and installs playwright-core when it is not. */
  static void prepare() throws IOException, InterruptedException {
    assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")))
        .as("Debian chromium (apt-get install chromium)")
        .isExecutable();
    if (!Files.isDirectory(E2E.resolve("node_modules/playwright-core"))) {
      run(E2E, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 180);
    }
  }

  /** Runs {@code command} in {@code directory}; its output (stdout and stderr). */
  static String run(Path directory, List<String> command, int seconds)
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
