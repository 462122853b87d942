package dev.patchbay.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delay, rate, size, disconnect and hang behaviours from {@code faults.yaml}. */
class FaultBehaviourTest {

  private final CliHarness cli = new CliHarness(load(), "F1");

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void delayHoldsTheAnswerBack() throws Exception {
    cli.start("F1#");
    long started = System.nanoTime();
    cli.type("show delayed\r");
    cli.until("delayed answer");
    assertThat(elapsed(started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void rateLimitsTheOutput() throws Exception {
    cli.start("F1#");
    long started = System.nanoTime();
    String output = cli.command("show slow", "F1#");
    assertThat(output.length()).isGreaterThan(1000);
    assertThat(elapsed(started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void sizeProducesTenMegabytesOfText() throws Exception {
    cli.start("F1#");
    int before = cli.transport.size();
    cli.type("show huge\r");
    cli.until("\r\nF1#");
    int produced = cli.transport.size() - before - "show huge\r\n".length() - "F1#".length();
    assertThat(produced).isEqualTo(10 * 1024 * 1024);
    assertThat(cli.transport.textFrom(before)).contains("0000000001 simulated output filler");
  }

  @Test
  void disconnectDropsTheSessionMidOutput() throws Exception {
    cli.start("F1#");
    int before = cli.transport.size();
    cli.type("show broken\r");
    cli.transport.awaitDisconnect(CliHarness.TIMEOUT);
    assertThat(cli.transport.textFrom(before)).isEqualTo("show broken\r\n0123456789");
  }

  @Test
  void hangNeverAnswers() throws Exception {
    cli.start("F1#");
    int before = cli.transport.size();
    cli.type("show nothing\r");
    cli.type("show delayed\r");
    Thread.sleep(500);
    assertThat(cli.transport.textFrom(before)).isEqualTo("show nothing\r\n");
    assertThat(cli.transport.disconnected()).isFalse();
  }

  @Test
  void aHangEndsAtCtrlCOrAtCtrlCaretX() throws Exception {
    cli.start("F1#");
    cli.type("show nothing\r");
    cli.type("show delayed\r");
    cli.type("\u0003");
    assertThat(cli.until("F1#")).isEqualTo("show nothing\r\n^C\r\nF1#");
    cli.type("show nothing\r");
    cli.type("\u001ex");
    assertThat(cli.until("F1#")).isEqualTo("show nothing\r\n^C\r\nF1#");
    assertThat(cli.command("show delayed", "F1#")).contains("delayed answer");
  }

  @Test
  void aHangForeverIgnoresInterrupts() throws Exception {
    cli.start("F1#");
    int before = cli.transport.size();
    cli.type("show frozen\r");
    cli.type("\u0003\u001ex\r");
    Thread.sleep(300);
    assertThat(cli.transport.textFrom(before)).isEqualTo("show frozen\r\n");
  }

  @Test
  void ctrlCStopsADelayedAnswer() throws Exception {
    cli.start("F1#");
    int before = cli.transport.size();
    cli.type("show delayed\r\u0003");
    assertThat(cli.until("F1#")).isEqualTo("show delayed\r\n^C\r\nF1#");
    Thread.sleep(500);
    assertThat(cli.transport.textFrom(before)).doesNotContain("delayed answer");
    assertThat(cli.command("show delayed", "F1#")).contains("delayed answer");
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  static DeviceProfile load() {
    try (InputStream in = FaultBehaviourTest.class.getResourceAsStream("/simulator/faults.yaml")) {
      return new ProfileLoader()
          .load("faults", "faults.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
