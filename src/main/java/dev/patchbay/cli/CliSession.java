package dev.patchbay.cli;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.io.AuthFailedException;
import dev.patchbay.io.CommandErrorException;
import dev.patchbay.io.ConnectionClosedException;
import dev.patchbay.io.OperationTimeoutException;
import dev.patchbay.io.PromptNotFoundException;
import dev.patchbay.io.Terminal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The expect engine of one connection, driven by an {@link OsProfile}: login, prompt and hostname
 * learning, execute (dialogs, paging, error patterns) and configure (enable, config mode, line by
 * line). Not thread-safe: its owner serialises calls.
 */
public final class CliSession implements AutoCloseable {

  /** How long the device may stay silent before a newline is sent to wake it up. */
  private static final Duration QUIET = Duration.ofSeconds(2);

  /** How long to wait for a prompt after Ctrl-C before also sending a newline. */
  private static final Duration RESYNC_NUDGE = Duration.ofSeconds(1);

  private static final String CTRL_C = "\u0003";

  private final OsProfile profile;
  private final Expect expect;
  private final String enablePassword;
  private final Duration defaultTimeout;
  private final Pattern pager;
  private final Pattern pagerArtefacts;
  private final Pattern profileErrors;
  private PromptSet prompts;
  private CliState state;

  public CliSession(
      Terminal terminal,
      OsProfile profile,
      String enablePassword,
      Duration defaultTimeout,
      int bufferBytes) {
    this.profile = profile;
    this.expect = new Expect(terminal, bufferBytes);
    this.enablePassword = enablePassword;
    this.defaultTimeout = defaultTimeout;
    this.pager = Pattern.compile(profile.pagerPattern());
    this.pagerArtefacts = OutputCleaner.pagerArtefacts(profile.pagerPattern());
    this.profileErrors = anyOf(profile.errorPatterns());
    this.prompts = PromptSet.learning(profile);
  }

  /**
   * Answers {@code Username:}/{@code login:} and {@code Password:} prompts until a CLI prompt
   * shows.
   *
   * @throws AuthFailedException when the device asks again or says the login was refused
   */
  public void login(String username, String password, Duration timeout) {
    OsProfile.LoginPrompts login = profile.login();
    List<Pattern> patterns = new ArrayList<>();
    patterns.add(Pattern.compile(login.username()));
    patterns.add(Pattern.compile(login.password()));
    patterns.add(Pattern.compile(login.failed()));
    patterns.addAll(prompts.byState().values());
    Pattern failed = Pattern.compile(login.failed());
    Instant deadline = Instant.now().plus(timeout);
    Instant nudge = Instant.now().plus(QUIET);
    boolean usernameSent = false;
    boolean passwordSent = false;
    try {
      while (true) {
        int match = expect.await(patterns, earliest(deadline, nudge));
        if (match < 0) {
          if (!Instant.now().isBefore(deadline)) {
            throw new OperationTimeoutException(
                "no login or CLI prompt within " + timeout.toSeconds() + " s", expect.text());
          }
          expect.sendLine("");
          nudge = Instant.now().plus(QUIET);
        } else if (match == 0) {
          if (passwordSent || usernameSent) {
            throw new AuthFailedException("the device refused the login", expect.text(), null);
          }
          if (username == null) {
            throw new AuthFailedException(
                "the device asks for a username but the credential has none", expect.text(), null);
          }
          expect.sendLine(username);
          usernameSent = true;
        } else if (match == 1) {
          if (passwordSent) {
            throw new AuthFailedException("the device refused the password", expect.text(), null);
          }
          if (password == null) {
            throw new AuthFailedException(
                "the device asks for a password but the credential has none", expect.text(), null);
          }
          expect.sendLine(password);
          passwordSent = true;
        } else if (match == 2) {
          throw new AuthFailedException("the device refused the login", expect.text(), null);
        } else {
          return;
        }
      }
    } catch (ConnectionClosedException e) {
      if (passwordSent && failed.matcher(expect.text()).find()) {
        throw new AuthFailedException("the device refused the login", expect.text(), e);
      }
      throw e;
    }
  }

  /**
   * Learns the prompt: waits for a line matching a prompt of the profile, sends a newline and
   * accepts the prompt once the same line shows again (so a banner or MOTD line that merely looks
   * like a prompt is not taken for one). Extracts the hostname for {@code %N}.
   */
  public void learnPrompt(Duration timeout) {
    PromptSet learning = PromptSet.learning(profile);
    List<Pattern> patterns = List.copyOf(learning.byState().values());
    Instant deadline = Instant.now().plus(timeout);
    Instant nudge = Instant.now().plus(QUIET);
    String candidate = null;
    int unanswered = 0;
    String current = expect.lastLine();
    if (learning.stateOf(current).isPresent()) {
      candidate = current;
      expect.sendLine("");
      unanswered++;
    }
    while (true) {
      int match = expect.await(patterns, earliest(deadline, nudge));
      if (match < 0) {
        if (!Instant.now().isBefore(deadline)) {
          throw new PromptNotFoundException(
              "no prompt of profile '"
                  + profile.name()
                  + "' within "
                  + timeout.toSeconds()
                  + " s (last line: '"
                  + expect.lastLine()
                  + "')",
              expect.text());
        }
      } else {
        unanswered = Math.max(0, unanswered - 1);
        String line = expect.lastLine();
        if (line.equals(candidate)) {
          prompts = PromptSet.forHostname(profile, learning.hostnameOf(line).orElse(null));
          state = prompts.stateOf(line).orElse(null);
          drainPrompts(unanswered);
          return;
        }
        candidate = line;
      }
      expect.sendLine("");
      unanswered++;
      nudge = Instant.now().plus(QUIET);
    }
  }

  /**
   * Runs one command and returns its output.
   *
   * @throws OperationTimeoutException when no prompt came in time (with the output so far)
   * @throws CommandErrorException when the output matches an error pattern
   */
  public ExecuteResult execute(ExecuteRequest request) {
    List<Pattern> expected = request.prompt() == null ? null : List.of(request.prompt());
    Step step = run(request.command(), expected, request.dialogs(), timeoutOf(request.timeout()));
    boolean rejected =
        request.errorPatterns() == null
            ? rejects(profileErrors, step.output)
            : request.errorPatterns().stream()
                .anyMatch(
                    p -> rejects(Pattern.compile(p.pattern(), Pattern.MULTILINE), step.output));
    if (rejected) {
      throw new CommandErrorException(request.command(), 0, step.output);
    }
    return new ExecuteResult(
        request.command(), step.output, step.prompt, state, step.elapsedMs, step.skipped);
  }

  /**
   * Enters config mode (after {@code enable} if needed), sends each line waiting for a prompt, and
   * leaves with the profile's end command. A rejected line aborts: the session returns to enable
   * mode and a {@link CommandErrorException} names the 1-based line.
   */
  public ConfigureResult configure(ConfigureRequest request) {
    if (profile.configCommand() == null) {
      throw new PatchbayException(
          ProblemType.VALIDATION, "OS profile '" + profile.name() + "' has no configuration mode");
    }
    long start = System.nanoTime();
    Duration timeout = timeoutOf(request.timeout());
    StringBuilder output = new StringBuilder();
    enable(timeout);
    if (state != CliState.CONFIG) {
      Step enter = run(profile.configCommand(), null, List.of(), timeout);
      if (state != CliState.CONFIG) {
        throw new PromptNotFoundException(
            "'" + profile.configCommand() + "' did not reach config mode", enter.output);
      }
    }
    List<String> lines = request.lines();
    for (int i = 0; i < lines.size(); i++) {
      Step step = run(lines.get(i), null, List.of(), timeout);
      appendLine(output, step.output);
      if (rejects(profileErrors, step.output)) {
        leaveConfig(timeout);
        throw new CommandErrorException(lines.get(i), i + 1, step.output);
      }
    }
    leaveConfig(timeout);
    return new ConfigureResult(
        lines.size(), output.toString(), (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Interrupts whatever runs (Ctrl-C) and waits for a prompt again.
   *
   * @return true when a prompt came back within {@code timeout}
   */
  public boolean resync(Duration timeout) {
    List<Pattern> patterns = List.copyOf(prompts.byState().values());
    Instant deadline = Instant.now().plus(timeout);
    expect.reset();
    expect.send(CTRL_C);
    int match = expect.await(patterns, earliest(deadline, Instant.now().plus(RESYNC_NUDGE)));
    if (match < 0) {
      expect.sendLine("");
      match = expect.await(patterns, deadline);
      drainPrompts(1);
    }
    if (match >= 0) {
      state = prompts.stateOf(expect.lastLine()).orElse(state);
    }
    return match >= 0;
  }

  /** Waits briefly for prompts answering newlines sent while the device was slow. */
  private void drainPrompts(int expected) {
    List<Pattern> patterns = List.copyOf(prompts.byState().values());
    for (int i = 0; i < expected; i++) {
      if (expect.await(patterns, Instant.now().plus(RESYNC_NUDGE)) < 0) {
        return;
      }
    }
  }

  /** Frees the engine's working memory between calls; the next call allocates it again. */
  public void idle() {
    expect.release();
  }

  @Override
  public void close() {
    expect.close();
  }

  private void enable(Duration timeout) {
    if (state != CliState.EXEC || profile.enableCommand() == null) {
      return;
    }
    List<Pattern> patterns = new ArrayList<>();
    patterns.add(Pattern.compile(profile.login().password()));
    patterns.addAll(prompts.byState().values());
    Instant deadline = Instant.now().plus(timeout);
    expect.reset();
    expect.sendLine(profile.enableCommand());
    boolean passwordSent = false;
    while (true) {
      int match = expect.await(patterns, deadline);
      if (match < 0) {
        throw new OperationTimeoutException("'enable' did not finish", expect.text());
      }
      if (match == 0) {
        if (passwordSent || enablePassword == null) {
          String output = expect.text();
          resync(timeout);
          throw new AuthFailedException(
              passwordSent
                  ? "the device refused the enable password"
                  : "the device asks for an enable password but none is configured",
              output,
              null);
        }
        expect.sendLine(enablePassword);
        passwordSent = true;
        continue;
      }
      state = prompts.stateOf(expect.lastLine()).orElse(state);
      if (state != CliState.EXEC) {
        return;
      }
      throw new AuthFailedException("the device refused 'enable'", expect.text(), null);
    }
  }

  private void leaveConfig(Duration timeout) {
    if (state == CliState.CONFIG && profile.endCommand() != null) {
      run(profile.endCommand(), null, List.of(), timeout);
    }
  }

  private Step run(
      String command, List<Pattern> expected, List<DialogStatement> dialogs, Duration timeout) {
    long start = System.nanoTime();
    Instant deadline = Instant.now().plus(timeout);
    List<Pattern> promptPatterns =
        expected == null ? List.copyOf(prompts.byState().values()) : expected;
    List<DialogStatement> active = new ArrayList<>(dialogs);
    String echo = echoOf(command);
    boolean paged = false;
    expect.reset();
    expect.sendLine(command);
    while (true) {
      List<Pattern> patterns = new ArrayList<>(active.size() + promptPatterns.size() + 1);
      active.forEach(d -> patterns.add(d.pattern()));
      patterns.add(pager);
      patterns.addAll(promptPatterns);
      int match = expect.await(patterns, deadline);
      if (match < 0) {
        throw new OperationTimeoutException(
            "'" + command + "' did not finish within " + timeout.toMillis() + " ms",
            OutputCleaner.commandOutput(
                expect.text() + "\n", command, paged ? pagerArtefacts : null));
      }
      if (match < active.size()) {
        DialogStatement statement = active.get(match);
        expect.sendLine(statement.reply());
        if (!statement.loop()) {
          active.remove(match);
        }
      } else if (match == active.size()) {
        paged = true;
        expect.send(" ");
      } else if (expect.contains(echo)) {
        String prompt = expect.lastLine();
        state = prompts.stateOf(prompt).orElse(state);
        // Pager artefacts are searched for only when a pager prompt was answered.
        String output =
            OutputCleaner.commandOutput(expect.text(), command, paged ? pagerArtefacts : null);
        expect.release();
        return new Step(output, prompt, (System.nanoTime() - start) / 1_000_000, expect.skipped());
      }
    }
  }

  /**
   * What must be echoed before a prompt counts: the start of the command (or a line break for an
   * empty one), so that a prompt the device printed before reading the command (a redraw after a
   * window change, a late answer to an earlier newline) does not end the command early.
   */
  private static String echoOf(String command) {
    String trimmed = command.strip();
    return trimmed.isEmpty() ? "\n" : trimmed.substring(0, Math.min(trimmed.length(), 16));
  }

  private Duration timeoutOf(Duration requested) {
    return requested == null ? defaultTimeout : requested;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static boolean rejects(Pattern errors, String output) {
    return errors != null && errors.matcher(output).find();
  }

  /**
   * The profile's error patterns as one multi-line alternation, so that an output is scanned once
   * rather than once per pattern; null when the profile has none.
   */
  private static Pattern anyOf(List<String> regexes) {
    if (regexes.isEmpty()) {
      return null;
    }
    return Pattern.compile(
        regexes.stream().map(r -> "(?:" + r + ")").collect(Collectors.joining("|")),
        Pattern.MULTILINE);
  }

  private static void appendLine(StringBuilder all, String output) {
    if (!output.isEmpty()) {
      all.append(output).append('\n');
    }
  }

  private record Step(String output, String prompt, long elapsedMs, long skipped) {}
}
