package dev.patchbay.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.io.Terminal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The recorder as a terminal subscriber: what is typed at a secret prompt is left out even when the
 * input arrives before the recorder's thread has read the prompt, and it follows a reconnect.
 */
@Timeout(10)
class TerminalRecorderTest {

  private final Events events = new Events();
  private final TerminalRecorder recorder = new TerminalRecorder(events, "test");

  @Test
  void inputAtASecretPromptIsLeftOutEvenBeforeThePumpHasReadThePrompt() {
    Terminal terminal = new Terminal(new NoPort());
    recorder.follow(terminal);
    publish(terminal, "r1>enable\r\nPassword: ");
    recorder.input(bytes("cisco\r"));
    publish(terminal, "\r\nr1#");
    recorder.input(bytes("show clock\r"));
    recorder.close();

    assertThat(events.inputs).containsExactly("show clock\r");
    assertThat(String.join("", events.outputs)).isEqualTo("r1>enable\r\nPassword: \r\nr1#");
  }

  @Test
  void aReplacedTerminalIsRecordedToo() throws InterruptedException {
    Terminal first = new Terminal(new NoPort());
    recorder.follow(first);
    publish(first, "before\r\n");
    first.end();
    Terminal second = new Terminal(new NoPort());
    recorder.follow(second);
    publish(second, "after\r\n");
    awaitOutput("before\r\nafter\r\n");
    recorder.close();
    assertThat(events.closed).isTrue();
  }

  @Test
  void aMarkerFollowsTheOutputSentBeforeTheHandoffAndPrecedesTheNewWritersInput() {
    Terminal terminal = new Terminal(new NoPort());
    recorder.follow(terminal);
    recorder.input(bytes("show clock\r"));
    publish(terminal, "show clock\r\n10:00\r\nr1#");
    recorder.marker("write: bob");
    recorder.input(bytes("exit\r"));
    recorder.close();
    recorder.marker("after close");

    assertThat(events.sequence)
        .containsExactly(
            "i:show clock\r", "o:show clock\r\n10:00\r\nr1#", "m:write: bob", "i:exit\r");
  }

  private void awaitOutput(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!events.output().equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(events.output()).isEqualTo(expected);
  }

  private static void publish(Terminal terminal, String text) {
    byte[] data = bytes(text);
    terminal.publish(data, 0, data.length);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Collects what is recorded. */
  private static final class Events implements SessionRecording {
    final List<String> outputs = new ArrayList<>();
    final List<String> inputs = new ArrayList<>();
    final List<String> sequence = new ArrayList<>();
    boolean closed;

    @Override
    public synchronized void output(byte[] bytes) {
      outputs.add(new String(bytes, StandardCharsets.ISO_8859_1));
      sequence.add("o:" + outputs.getLast());
    }

    @Override
    public synchronized void input(byte[] bytes) {
      inputs.add(new String(bytes, StandardCharsets.ISO_8859_1));
      sequence.add("i:" + inputs.getLast());
    }

    @Override
    public synchronized void marker(String label) {
      sequence.add("m:" + label);
    }

    @Override
    public void resize(int columns, int rows) {}

    @Override
    public synchronized void close() {
      closed = true;
    }

    synchronized String output() {
      return String.join("", outputs);
    }
  }

  private static final class NoPort implements Terminal.Port {
    @Override
    public void write(byte[] bytes) {}

    @Override
    public void resize(int columns, int rows) {}

    @Override
    public void sendBreak() {}
  }
}
