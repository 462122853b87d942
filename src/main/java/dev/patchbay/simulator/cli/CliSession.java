package dev.patchbay.simulator.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One terminal session on a simulated device: line editing, login, prompts, command dispatch,
 * dialogs, paging and fault behaviours. Purely event driven: transports feed it input bytes and it
 * writes to a {@link SessionTransport}; delays and rates use the shared scheduler. All methods are
 * thread safe.
 */
public final class CliSession {

  private static final String MORE = " --More-- ";
  private static final byte CTRL_Z = 0x1a;
  private static final byte CTRL_CARET = 0x1e;
  private static final String MORE_ERASE =
      "\b".repeat(MORE.length()) + " ".repeat(MORE.length()) + "\b".repeat(MORE.length());

  /** {@code %N} stands for the hostname, but not in syslog tags such as {@code %NTP-5-...}. */
  private static final Pattern HOSTNAME = Pattern.compile("%N(?![A-Za-z0-9_])");

  private enum Mode {
    LOGIN_USER,
    LOGIN_PASSWORD,
    COMMAND,
    PASSWORD,
    DIALOG,
    MORE,
    BUSY,
    HUNG,
    WEDGED,
    CLOSED
  }

  private final DeviceProfile profile;
  private final SessionIdentity identity;
  private final SessionTransport transport;
  private final ScheduledExecutorService scheduler;
  private final CommandParser parser;
  private final KeyDecoder keys = new KeyDecoder();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final ByteArrayOutputStream typeahead = new ByteArrayOutputStream();
  private final Map<CommandRule, Integer> invocations = new HashMap<>();
  private final List<String> configuration = new ArrayList<>();

  private Mode mode = Mode.COMMAND;
  private CliState state;
  private String hostname;
  private boolean echo = true;
  private boolean interactive = true;
  private int pageLength = 24;
  private boolean explicitPageLength;
  private int width = 80;
  private String terminalType = "vt100";
  private IntConsumer exitListener = status -> {};
  private String loginUser = "";
  private int loginFailures;
  private Pending pending;
  private Pager pager;
  private boolean escapeTyped;

  /** Counts interrupted answers: output scheduled for an earlier count is dropped. */
  private long answers;

  public CliSession(
      DeviceProfile profile,
      SessionIdentity identity,
      SessionTransport transport,
      ScheduledExecutorService scheduler) {
    this.profile = profile;
    this.identity = identity;
    this.transport = transport;
    this.scheduler = scheduler;
    this.parser = new CommandParser(profile.abbreviations());
    this.hostname = identity.hostname();
    this.state = profile.state(profile.startState());
  }

  /** Starts an interactive session: banner, then the login dialog or directly the prompt. */
  public synchronized void startShell(boolean login) {
    if (profile.banner() != null) {
      send(lines(render(profile.banner(), Map.of())));
    }
    if (login) {
      mode = Mode.LOGIN_USER;
      send(profile.login().userPrompt());
    } else {
      enterState(profile.startState());
      send(prompt());
    }
  }

  /** Runs one command without echo, prompt or paging, then reports its exit status. */
  public synchronized void runExec(String command, IntConsumer onExit) {
    interactive = false;
    echo = false;
    exitListener = onExit;
    state = profile.state(profile.execState());
    mode = Mode.COMMAND;
    execute(command);
  }

  /** Feeds input bytes typed by the user. */
  public synchronized void receive(byte[] data, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (mode == Mode.HUNG) {
        hungInput(data[i]);
        continue;
      }
      if (mode == Mode.CLOSED || mode == Mode.WEDGED) {
        return;
      }
      if (mode == Mode.BUSY) {
        if (data[i] == 0x03 && interactive) {
          // Ctrl-C stops the answer in progress (a delayed or paced one) and drops typeahead
          answers++;
          typeahead.reset();
          pager = null;
          keys.decode(data[i]);
          onInterrupt();
          continue;
        }
        typeahead.write(data, i, offset + length - i);
        return;
      }
      KeyDecoder.Kind kind = keys.decode(data[i]);
      if (kind != KeyDecoder.Kind.NONE) {
        onKey(kind, data[i]);
      }
    }
  }

  /** An interrupt from outside the byte stream (Telnet IAC IP), handled like Ctrl-C. */
  public synchronized void interrupt() {
    receive(new byte[] {0x03}, 0, 1);
  }

  /** Whether typed characters are echoed back (PTY ECHO mode, Telnet WILL ECHO accepted). */
  public synchronized void setEcho(boolean echo) {
    this.echo = echo;
  }

  /**
   * The client's window size; rows become the page length unless set by {@code terminal length}.
   */
  public synchronized void resize(int columns, int rows) {
    if (columns > 0) {
      width = columns;
    }
    if (rows > 0 && !explicitPageLength) {
      pageLength = rows;
    }
  }

  /** The client's terminal type (Telnet TTYPE, SSH TERM). */
  public synchronized void setTerminalType(String terminalType) {
    this.terminalType = terminalType;
  }

  /** Stops all activity after the connection closed. */
  public synchronized void close() {
    mode = Mode.CLOSED;
  }

  private void onKey(KeyDecoder.Kind kind, byte b) {
    if (mode == Mode.MORE) {
      pager.onKey(kind, b);
      return;
    }
    boolean secret = mode == Mode.LOGIN_PASSWORD || mode == Mode.PASSWORD;
    switch (kind) {
      case ENTER -> {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (echo) {
          send("\r\n");
        }
        submit(text);
      }
      case ERASE -> {
        if (line.size() > 0) {
          eraseLastCharacter();
          if (echo && !secret) {
            send("\b \b");
          }
        }
      }
      case INTERRUPT -> onInterrupt();
      default -> {
        if (b == CTRL_Z && mode == Mode.COMMAND && state.acceptUnknown()) {
          line.reset();
          send("^Z\r\n");
          execute("end");
          return;
        }
        if ((b & 0xff) < 0x20) {
          return;
        }
        if (mode == Mode.COMMAND && line.size() == 0) {
          CommandRule key = state.keys().get(String.valueOf((char) (b & 0xff)));
          if (key != null) {
            respond(key, Map.of(), "");
            return;
          }
        }
        line.write(b);
        if (echo && !secret) {
          transport.write(new byte[] {b});
        }
      }
    }
  }

  /**
   * Input while a command hangs: typed lines are swallowed, Ctrl-C or IOS's escape sequence (Ctrl-^
   * then x) stops the command and gives the prompt back.
   */
  private void hungInput(byte b) {
    if (b == 0x03 || (escapeTyped && (b == 'x' || b == 'X'))) {
      escapeTyped = false;
      keys.decode((byte) 0x03);
      onInterrupt();
      return;
    }
    escapeTyped = b == CTRL_CARET;
  }

  private void eraseLastCharacter() {
    byte[] bytes = line.toByteArray();
    int end = bytes.length - 1;
    while (end > 0 && (bytes[end] & 0xc0) == 0x80) {
      end--;
    }
    line.reset();
    line.write(bytes, 0, end);
  }

  private void onInterrupt() {
    line.reset();
    if (!interactive) {
      return;
    }
    pending = null;
    if (mode == Mode.LOGIN_USER || mode == Mode.LOGIN_PASSWORD) {
      mode = Mode.LOGIN_USER;
      send("\r\n" + profile.login().userPrompt());
      return;
    }
    mode = Mode.COMMAND;
    send("^C\r\n" + prompt());
  }

  private void submit(String text) {
    switch (mode) {
      case LOGIN_USER -> {
        loginUser = text.strip();
        mode = Mode.LOGIN_PASSWORD;
        send(profile.login().passwordPrompt());
      }
      case LOGIN_PASSWORD -> checkLogin(text);
      case PASSWORD -> checkPassword(text);
      case DIALOG -> answerDialog(text);
      case COMMAND -> execute(text);
      default -> throw new IllegalStateException("No line input expected in mode " + mode);
    }
  }

  private void checkLogin(String password) {
    if (loginUser.equals(identity.username()) && password.equals(identity.password())) {
      mode = Mode.COMMAND;
      enterState(profile.startState());
      send(prompt());
      return;
    }
    loginFailures++;
    send(profile.login().failure() + "\r\n\r\n");
    if (loginFailures >= 3) {
      disconnect();
      return;
    }
    mode = Mode.LOGIN_USER;
    send(profile.login().userPrompt());
  }

  private void execute(String text) {
    ParseResult result = parser.parse(state.rules(), text);
    if (result instanceof ParseResult.Match match) {
      begin(match.rule(), match.args(), text);
    } else if (result instanceof ParseResult.Empty) {
      finish(0);
    } else if (result instanceof ParseResult.Invalid && acceptsAsConfiguration(text)) {
      record(text);
      finish(0);
    } else {
      reject(result, text);
    }
  }

  private boolean acceptsAsConfiguration(String text) {
    return state.acceptUnknown()
        && state.invalidLines().stream().noneMatch(pattern -> pattern.matcher(text.strip()).find());
  }

  private void reject(ParseResult result, String text) {
    DeviceProfile.ErrorTexts errors = profile.errors();
    if (errors.unknownCommand() != null) {
      String command = text.strip().split("\\s+")[0];
      send(lines(errors.unknownCommand().replace("{command}", command)));
      finish(127);
      return;
    }
    String message;
    if (result instanceof ParseResult.Invalid invalid) {
      int column = (interactive ? prompt().length() : 0) + invalid.caret();
      message = " ".repeat(column) + "^\r\n" + errors.invalid();
    } else if (result instanceof ParseResult.Incomplete) {
      message = errors.incomplete();
    } else {
      message = errors.ambiguous().replace("{command}", text.strip());
    }
    send(message + "\r\n\r\n");
    finish(1);
  }

  private void begin(CommandRule rule, Map<String, String> args, String text) {
    pending = new Pending(rule, args, text);
    if (rule.password() != null && secretFor(rule.password()) != null) {
      mode = Mode.PASSWORD;
      send(render(rule.password().prompt(), args));
    } else {
      continueDialog();
    }
  }

  private String secretFor(PasswordCheck check) {
    return check.useEnableSecret() ? identity.enableSecret() : identity.password();
  }

  private void checkPassword(String password) {
    PasswordCheck check = pending.rule().password();
    if (password.equals(secretFor(check))) {
      continueDialog();
      return;
    }
    pending.failedAttempts++;
    if (!check.failure().isEmpty()) {
      send(lines(check.failure()));
    }
    if (pending.failedAttempts >= check.attempts()) {
      pending = null;
      send(lines(check.giveUp()) + "\r\n");
      finish(1);
    } else {
      send(render(check.prompt(), pending.args()));
    }
  }

  private void continueDialog() {
    List<String> dialog = pending.rule().dialog();
    if (pending.dialogStep < dialog.size()) {
      mode = Mode.DIALOG;
      send(render(dialog.get(pending.dialogStep), pending.args()));
      return;
    }
    Pending done = pending;
    pending = null;
    respond(done.rule(), done.args(), done.text());
  }

  private void answerDialog(String answer) {
    String question = pending.rule().dialog().get(pending.dialogStep);
    if (question.contains("[confirm]") && answer.strip().toLowerCase().startsWith("n")) {
      pending = null;
      finish(1);
      return;
    }
    pending.dialogStep++;
    continueDialog();
  }

  private void respond(CommandRule rule, Map<String, String> args, String text) {
    if (rule.record()) {
      record(text);
    }
    applyAction(rule, args);
    FaultBehaviour faults = rule.faults();
    if (faults.hang()) {
      mode = faults.ignoresInterrupt() ? Mode.WEDGED : Mode.HUNG;
      escapeTyped = false;
      return;
    }
    int invocation = invocations.merge(rule, 1, Integer::sum) - 1;
    String rendered = render(rule.response().forInvocation(invocation), args);
    String output = rendered.isEmpty() ? rendered : lines(rendered);
    byte[] bytes = output.getBytes(faults.encoding());
    mode = Mode.BUSY;
    Runnable afterOutput = () -> afterResponse(rule);
    long answer = answers;
    Runnable emit =
        () -> {
          if (mode == Mode.CLOSED || answers != answer) {
            return;
          }
          if (faults.generatedBytes() > 0) {
            pump(OutputSource.generated(faults.generatedBytes()), faults, afterOutput);
          } else if (pages(output, faults)) {
            pager = new Pager(output, faults, afterOutput);
            pager.showPage(pageLength - 1);
          } else {
            pump(OutputSource.of(bytes), faults, afterOutput);
          }
        };
    if (faults.delayMillis() > 0) {
      scheduler.schedule(() -> locked(emit), faults.delayMillis(), TimeUnit.MILLISECONDS);
    } else {
      emit.run();
    }
  }

  private boolean pages(String output, FaultBehaviour faults) {
    return interactive
        && pageLength > 1
        && !faults.disconnects()
        && output.split("\r\n", -1).length - 1 > pageLength - 1;
  }

  private void pump(OutputSource source, FaultBehaviour faults, Runnable onDone) {
    if (faults.disconnects()) {
      source = OutputSource.limited(source, faults.disconnectAfterBytes());
      onDone = this::disconnect;
    }
    long answer = answers;
    OutputSource limited = source;
    Runnable done = onDone;
    new OutputPump(
            this,
            transport,
            scheduler,
            max -> answers == answer ? limited.next(max) : null,
            faults.bytesPerSecond(),
            () -> {
              if (answers == answer) {
                done.run();
              }
            })
        .start();
  }

  private void afterResponse(CommandRule rule) {
    if (mode == Mode.CLOSED) {
      return;
    }
    if (rule.action() == CommandAction.LOGOUT) {
      if (interactive) {
        disconnect();
      } else {
        finish(rule.exitStatus());
      }
      return;
    }
    if (rule.newState() != null && interactive) {
      enterState(rule.newState());
    }
    finish(rule.exitStatus());
  }

  private void applyAction(CommandRule rule, Map<String, String> args) {
    if (rule.action() == null) {
      return;
    }
    String argument = args.values().stream().findFirst().orElse("");
    switch (rule.action()) {
      case SET_HOSTNAME -> hostname = argument;
      case TERMINAL_LENGTH -> {
        pageLength = parseNumber(argument, pageLength);
        explicitPageLength = true;
      }
      case TERMINAL_WIDTH -> width = parseNumber(argument, width);
      case LOGOUT -> {
        // handled after the response
      }
    }
  }

  private static int parseNumber(String text, int fallback) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private void finish(int exitStatus) {
    if (!interactive) {
      mode = Mode.CLOSED;
      exitListener.accept(exitStatus);
      return;
    }
    mode = Mode.COMMAND;
    send(prompt());
    if (typeahead.size() > 0) {
      byte[] buffered = typeahead.toByteArray();
      typeahead.reset();
      receive(buffered, 0, buffered.length);
    }
  }

  private void disconnect() {
    mode = Mode.CLOSED;
    transport.disconnect();
  }

  private void record(String text) {
    configuration.add(" ".repeat(state.configDepth()) + text.strip());
  }

  private void enterState(String name) {
    state = profile.state(name);
    if (state.preface() != null && interactive) {
      send(lines(render(state.preface(), Map.of())));
    }
  }

  private String prompt() {
    return render(state.prompt(), Map.of());
  }

  private String render(String template, Map<String, String> args) {
    String text =
        HOSTNAME
            .matcher(template)
            .replaceAll(Matcher.quoteReplacement(hostname))
            .replace("{user}", identity.username())
            .replace("{length}", String.valueOf(pageLength))
            .replace("{width}", String.valueOf(width))
            .replace("{term}", terminalType)
            .replace("{config}", String.join("\n", configuration));
    for (Map.Entry<String, String> arg : args.entrySet()) {
      text = text.replace("{" + arg.getKey() + "}", arg.getValue());
    }
    return text;
  }

  /** {@code text} with CR LF line ends, ending in one. */
  private static String lines(String text) {
    String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
    return crlf.endsWith("\r\n") ? crlf : crlf + "\r\n";
  }

  private void send(String text) {
    transport.write(text.getBytes(StandardCharsets.UTF_8));
  }

  private void locked(Runnable action) {
    synchronized (this) {
      action.run();
    }
  }

  /** A command waiting for its password or dialog answers. */
  private static final class Pending {
    private final CommandRule rule;
    private final Map<String, String> args;
    private final String text;
    private int failedAttempts;
    private int dialogStep;

    Pending(CommandRule rule, Map<String, String> args, String text) {
      this.rule = rule;
      this.args = args;
      this.text = text;
    }

    CommandRule rule() {
      return rule;
    }

    Map<String, String> args() {
      return args;
    }

    String text() {
      return text;
    }
  }

  /** Shows long output a page at a time behind {@code --More--}, as IOS does. */
  private final class Pager {
    private final List<String> lines;
    private final FaultBehaviour faults;
    private final Runnable onDone;
    private int shown;

    Pager(String output, FaultBehaviour faults, Runnable onDone) {
      this.lines = Arrays.asList(output.split("(?<=\r\n)"));
      this.faults = faults;
      this.onDone = onDone;
    }

    void showPage(int count) {
      mode = Mode.BUSY;
      int end = Math.min(lines.size(), shown + count);
      String page = String.join("", lines.subList(shown, end));
      shown = end;
      pump(OutputSource.of(page.getBytes(faults.encoding())), faults, this::afterPage);
    }

    private void afterPage() {
      if (shown >= lines.size()) {
        pager = null;
        onDone.run();
        return;
      }
      mode = Mode.MORE;
      send(MORE);
    }

    void onKey(KeyDecoder.Kind kind, byte b) {
      send(MORE_ERASE);
      if (kind == KeyDecoder.Kind.CHARACTER && b == ' ') {
        showPage(pageLength - 1);
      } else if (kind == KeyDecoder.Kind.ENTER) {
        showPage(1);
      } else {
        pager = null;
        onDone.run();
      }
    }
  }
}
