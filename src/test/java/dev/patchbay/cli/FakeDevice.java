package dev.patchbay.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.patchbay.io.Terminal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A scripted IOS-like device on the far side of a real {@link Terminal}: it reads what the expect
 * engine types (through the terminal's {@link Terminal.Port}), echoes it and answers like a router
 * would (prompts per mode, enable password, config mode, pager, dialogs, error markers). What it
 * sends goes through one "wire" thread that can cut the output into small pieces and pause between
 * them, so that prompts and pager prompts reach the engine split across reads.
 *
 * <p>No network and no mock of the engine: only the device side is fake.
 */
final class FakeDevice implements Terminal.Port, AutoCloseable {

  /** What a scripted command does; it answers through {@link #emit} and {@link #prompt}. */
  interface Script {
    void run(FakeDevice device);
  }

  enum Mode {
    EXEC(">"),
    ENABLE("#"),
    CONFIG("(config)#"),
    CONFIG_IF("(config-if)#");

    final String suffix;

    Mode(String suffix) {
      this.suffix = suffix;
    }
  }

  static final String INVALID = "% Invalid input detected at '^' marker.";

  final Terminal terminal = new Terminal(this);

  private final ExecutorService wire =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "fake-device-wire");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Script> scripts = new HashMap<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> typedKeys = new CopyOnWriteArrayList<>();
  private final StringBuilder line = new StringBuilder();

  private volatile String hostname = "router1";
  private volatile Mode mode = Mode.EXEC;
  private volatile int chunk = Integer.MAX_VALUE;
  private volatile long pauseMillis;
  private volatile boolean silent;
  private volatile String enableSecret = "en-s3cret";
  private volatile List<String> rejectedConfig = List.of();

  private boolean echo = true;
  private Consumer<String> pendingLine;
  private Runnable pendingKey;

  // ---- scripting ---------------------------------------------------------------------------

  FakeDevice hostname(String value) {
    this.hostname = value;
    return this;
  }

  FakeDevice mode(Mode value) {
    this.mode = value;
    return this;
  }

  FakeDevice enableSecret(String value) {
    this.enableSecret = value;
    return this;
  }

  /** Config lines answered with the invalid-input marker. */
  FakeDevice rejectsInConfig(String... lines) {
    this.rejectedConfig = List.of(lines);
    return this;
  }

  /** Cuts everything sent from now on into pieces of {@code bytes}, pausing between pieces. */
  FakeDevice trickle(int bytes, Duration pause) {
    this.chunk = bytes;
    this.pauseMillis = pause.toMillis();
    return this;
  }

  /** Ignores all input and answers nothing. */
  FakeDevice silent() {
    this.silent = true;
    return this;
  }

  /** What the device does when a line equal to {@code command} is entered. */
  FakeDevice on(String command, Script script) {
    scripts.put(command, script);
    return this;
  }

  /** A command that prints {@code output} (lines joined with CRLF) and shows the prompt. */
  FakeDevice answer(String command, String... outputLines) {
    return on(command, d -> d.emit(String.join("\r\n", outputLines) + "\r\n").prompt());
  }

  /** Shows the current prompt after a blank line, as a device does once a session starts. */
  FakeDevice start() {
    return emit("\r\n").prompt();
  }

  /** Starts with the telnet/serial login dialog. */
  FakeDevice startWithLogin(String username, String password) {
    emit("\r\n\r\nUser Access Verification\r\n\r\nUsername: ");
    awaitLogin(username, password);
    return this;
  }

  // ---- output helpers used by scripts ------------------------------------------------------

  String currentPrompt() {
    return hostname + mode.suffix;
  }

  FakeDevice prompt() {
    return emit(currentPrompt());
  }

  /** Sends text to the engine (cut and paced as configured by {@link #trickle}). */
  FakeDevice emit(String text) {
    byte[] bytes = text.getBytes(UTF_8);
    int size = chunk;
    long pause = pauseMillis;
    wire.execute(
        () -> {
          for (int at = 0; at < bytes.length; at += size) {
            terminal.publish(bytes, at, Math.min(size, bytes.length - at));
            if (pause > 0) {
              sleep(pause);
            }
          }
        });
    return this;
  }

  /** Sends nothing for a while: the engine's next read ends where the output so far ends. */
  FakeDevice pause(Duration duration) {
    wire.execute(() -> sleep(duration.toMillis()));
    return this;
  }

  /** Sends {@code pages} separated by IOS pager prompts; each key typed at one continues. */
  FakeDevice paged(String more, String erase, String... pages) {
    emitPage(more, erase, pages, 0);
    return this;
  }

  private void emitPage(String more, String erase, String[] pages, int index) {
    emit(pages[index]);
    if (index == pages.length - 1) {
      prompt();
      return;
    }
    emit(more);
    pendingKey =
        () -> {
          emit(erase);
          emitPage(more, erase, pages, index + 1);
        };
  }

  /** Asks a question; the next line entered is handed to {@code answer} (echoed). */
  FakeDevice ask(String question, Consumer<String> answer) {
    emit(question);
    pendingLine = answer;
    return this;
  }

  // ---- what the engine sent ----------------------------------------------------------------

  /** Every line entered, in order (passwords included). */
  List<String> received() {
    return List.copyOf(received);
  }

  /** Forgets the lines received so far (the newlines of prompt learning, say). */
  void forget() {
    received.clear();
  }

  /** Closes the stream once everything queued so far has been sent. */
  FakeDevice hangUp() {
    wire.execute(terminal::end);
    return this;
  }

  /** Keys typed at a pager prompt. */
  List<String> pagerKeys() {
    return List.copyOf(typedKeys);
  }

  Mode currentMode() {
    return mode;
  }

  // ---- Terminal.Port -----------------------------------------------------------------------

  @Override
  public synchronized void write(byte[] bytes) {
    if (silent) {
      return;
    }
    String text = new String(bytes, UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (pendingKey != null) {
        Runnable next = pendingKey;
        pendingKey = null;
        typedKeys.add(String.valueOf(c));
        next.run();
      } else if (c == '\u0003') {
        line.setLength(0);
        pendingLine = null;
        emit("^C\r\n").prompt();
      } else if (c == '\r') {
        if (echo) {
          emit("\r\n");
        }
        String entered = line.toString();
        line.setLength(0);
        received.add(entered);
        handle(entered);
      } else if (c != '\n') {
        line.append(c);
        if (echo) {
          emit(String.valueOf(c));
        }
      }
    }
  }

  @Override
  public void resize(int columns, int rows) {}

  @Override
  public void sendBreak() {}

  @Override
  public void close() {
    terminal.end();
    wire.shutdownNow();
  }

  // ---- the CLI -----------------------------------------------------------------------------

  private void handle(String entered) {
    if (pendingLine != null) {
      Consumer<String> answer = pendingLine;
      pendingLine = null;
      answer.accept(entered);
      return;
    }
    String command = entered.strip();
    Script script = scripts.get(command);
    if (script != null) {
      script.run(this);
    } else if (command.isEmpty()) {
      prompt();
    } else if (command.equals("enable") && mode == Mode.EXEC) {
      askPassword(
          "Password: ",
          secret -> {
            if (secret.equals(enableSecret)) {
              mode = Mode.ENABLE;
              prompt();
            } else {
              emit("% Bad secrets\r\n\r\n").prompt();
            }
          });
    } else if (command.equals("configure terminal") && mode == Mode.ENABLE) {
      emit("Enter configuration commands, one per line.  End with CNTL/Z.\r\n");
      mode = Mode.CONFIG;
      prompt();
    } else if (command.equals("end") && (mode == Mode.CONFIG || mode == Mode.CONFIG_IF)) {
      mode = Mode.ENABLE;
      prompt();
    } else if (command.startsWith("interface ") && mode.compareTo(Mode.CONFIG) >= 0) {
      mode = Mode.CONFIG_IF;
      prompt();
    } else if (command.startsWith("terminal ")) {
      prompt();
    } else if (mode.compareTo(Mode.CONFIG) >= 0 && !rejectedConfig.contains(command)) {
      prompt();
    } else {
      invalid();
    }
  }

  FakeDevice invalid() {
    return emit("               ^\r\n" + INVALID + "\r\n\r\n").prompt();
  }

  private void askPassword(String question, Consumer<String> answer) {
    echo = false;
    ask(
        question,
        secret -> {
          echo = true;
          emit("\r\n");
          answer.accept(secret);
        });
  }

  private void awaitLogin(String username, String password) {
    pendingLine =
        user ->
            askPassword(
                "Password: ",
                secret -> {
                  if (user.equals(username) && secret.equals(password)) {
                    emit("\r\n").prompt();
                  } else {
                    emit("% Login invalid\r\n\r\nUsername: ");
                    awaitLogin(username, password);
                  }
                });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
