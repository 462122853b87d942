package dev.patchbay.simulator.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Drives a {@link CliSession} the way a terminal would, for engine tests. */
final class CliHarness implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final RecordingTransport transport = new RecordingTransport();
  final CliSession session;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private int mark;

  CliHarness(DeviceProfile profile, String hostname) {
    session =
        new CliSession(
            profile,
            new SessionIdentity(hostname, "admin", "admin", "cisco"),
            transport,
            scheduler);
  }

  static CliHarness builtIn(String profile, String hostname) {
    return new CliHarness(new ProfileLoader().loadBuiltIn(profile), hostname);
  }

  /** Starts an interactive session (no login) and returns everything up to {@code prompt}. */
  String start(String prompt) throws InterruptedException {
    session.startShell(false);
    return until(prompt);
  }

  void type(String keys) {
    byte[] bytes = keys.getBytes(StandardCharsets.UTF_8);
    session.receive(bytes, 0, bytes.length);
  }

  /** Output since the previous call, up to and including {@code needle}. */
  String until(String needle) throws InterruptedException {
    int start = mark;
    mark = transport.awaitText(start, needle, TIMEOUT);
    String text = transport.textFrom(start);
    return text.substring(0, Math.min(text.length(), text.indexOf(needle) + needle.length()));
  }

  /** Types {@code line} and Enter; returns the output up to {@code prompt}. */
  String command(String line, String prompt) throws InterruptedException {
    type(line + "\r");
    return until(prompt);
  }

  @Override
  public void close() {
    session.close();
    scheduler.shutdownNow();
  }
}
