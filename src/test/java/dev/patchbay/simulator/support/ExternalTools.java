package dev.patchbay.simulator.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real client programs (ssh, sshpass, expect, telnet); a missing one fails the test. */
public final class ExternalTools {

  private ExternalTools() {}

  /** Fails with an install hint unless {@code program} is on the PATH. */
  public static void require(String program, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return;
      }
    }
    throw new AssertionError(
        program + " is not installed; this test needs it: apt-get install " + debianPackage);
  }

  /** Runs {@code command}, returning its exit code and combined output; kills it on timeout. */
  public static Result run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("simulator-client", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "Timed out after " + timeout + ": " + command + "\n" + Files.readString(log));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** What a program printed and how it ended. */
  public record Result(int exitCode, String output) {}
}
