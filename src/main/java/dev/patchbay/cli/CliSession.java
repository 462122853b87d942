package dev.patchbay.cli;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
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

  /** How long no further prompt must come before a resync counts as settled. */
  private static final Duration QUIET_AFTER_PROMPT = Duration.ofMillis(200);

  private static final int MAX_DRAINED = 16;

  /** A command that renames the device, whose new name the prompt shows at once. */
  private static final Pattern HOSTNAME_COMMAND =
      Pattern.compile("^\\s*hostname\\s+([\\w.\\-/:]+)\\s*$");

  private final OsProfile profile;
  private final Expect expect;
  private final String enablePassword;
  private final Duration defaultTimeout;
  private final Pattern pager;
  private final java.util.regex.Pattern pagerArtefacts; // internal, needs a lookahead
  private final java.util.regex.Pattern profileErrors;
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
    this.pager = CompiledPatterns.of(profile.pagerPattern());
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
    patterns.add(CompiledPatterns.of(login.username()));
    patterns.add(CompiledPatterns.of(login.password()));
    patterns.add(CompiledPatterns.of(login.failed()));
    patterns.addAll(prompts.byState().values());
    Pattern failed = CompiledPatterns.of(login.failed());
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
    Step step;
    expect.cancelWhen(request.cancelled());
    try {
      step = run(request.command(), expected, request.dialogs(), timeoutOf(request.timeout()));
    } finally {
      expect.cancelWhen(null);
    }
    boolean rejected =
        request.errorPatterns() == null
            ? rejectsByProfile(step.output)
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
    Budget budget = Budget.of(request.timeout(), defaultTimeout);
    StringBuilder output = new StringBuilder();
    enable(budget.next());
    if (state != CliState.CONFIG) {
      Step enter = run(profile.configCommand(), null, List.of(), budget.next());
      if (state != CliState.CONFIG) {
        throw new PromptNotFoundException(
            "'" + profile.configCommand() + "' did not reach config mode", enter.output);
      }
    }
    List<String> lines = request.lines();
    for (int i = 0; i < lines.size(); i++) {
      Step step = run(lines.get(i), null, List.of(), budget.next());
      appendLine(output, step.output);
      if (rejectsByProfile(step.output)) {
        leaveConfig(budget.next());
        throw new CommandErrorException(lines.get(i), i + 1, step.output);
      }
    }
    leaveConfig(budget.next());
    return new ConfigureResult(
        lines.size(), output.toString(), (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Interrupts whatever runs with the profile's interrupt sequences (Ctrl-C; on IOS also Ctrl-^ x),
   * one after the other while no prompt comes back, then a newline, and waits for a prompt again.
   *
   * @return true when a prompt came back within {@code timeout}
   */
  public boolean resync(Duration timeout) {
    List<Pattern> patterns = List.copyOf(prompts.byState().values());
    Instant deadline = Instant.now().plus(timeout);
    expect.reset();
    int match = -1;
    int sent = 0;
    for (String interrupt : profile.interrupts()) {
      expect.send(interrupt);
      sent++;
      match = expect.await(patterns, earliest(deadline, Instant.now().plus(RESYNC_NUDGE)));
      if (match >= 0 || !Instant.now().isBefore(deadline)) {
        break;
      }
    }
    if (match < 0 && Instant.now().isBefore(deadline)) {
      expect.sendLine("");
      sent++;
      match = expect.await(patterns, deadline);
    }
    if (match < 0) {
      return false;
    }
    if (sent > 1) {
      // A later interrupt may have reached a command that had already ended (the x of Ctrl-^ x
      // then sits on the command line): a newline clears it, and the prompts still on their way
      // are drained until the device is quiet.
      expect.reset();
      expect.sendLine("");
      Instant settle = Instant.now().plus(RESYNC_NUDGE);
      if (expect.await(patterns, deadline.isAfter(settle) ? deadline : settle) < 0) {
        return false;
      }
      for (int i = 0;
          i < MAX_DRAINED && expect.await(patterns, Instant.now().plus(QUIET_AFTER_PROMPT)) >= 0;
          i++) {
        // another late prompt
      }
    }
    state = prompts.stateOf(expect.lastLine()).orElse(state);
    return true;
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

  /** The state the last prompt showed; null before the prompt was learned. */
  public CliState state() {
    return state;
  }

  /** The hostname the prompts are matched with; null when the profile's prompts have none. */
  public String hostname() {
    return prompts.hostname();
  }

  /**
   * Moves from user EXEC to the privileged state with the profile's enable command, answering the
   * password prompt with the enable password; does nothing in any other state.
   *
   * @throws AuthFailedException when the device refuses the password or asks for one it lacks
   * @throws OperationTimeoutException when no prompt came back within {@code timeout}
   */
  public void enable(Duration timeout) {
    if (state != CliState.EXEC || profile.enableCommand() == null) {
      return;
    }
    List<Pattern> patterns = new ArrayList<>();
    patterns.add(CompiledPatterns.of(profile.login().password()));
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
    PromptSet renamed = expected == null ? renamedBy(command) : null;
    List<Pattern> promptPatterns = new ArrayList<>();
    if (expected != null) {
      promptPatterns.addAll(expected);
    } else {
      promptPatterns.addAll(prompts.byState().values());
      if (renamed != null) {
        promptPatterns.addAll(renamed.byState().values());
      }
    }
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
            expect.wasCancelled()
                ? "'" + command + "' was cancelled"
                : "'" + command + "' did not finish within " + timeout.toMillis() + " ms",
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
        if (renamed != null && renamed.stateOf(prompt).isPresent()) {
          prompts = renamed;
        }
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
   * The prompts for the new hostname when {@code command} sets one ({@code hostname X}, as in IOS,
   * NX-OS and Linux), so that the prompt the command returns with is taken and every later prompt
   * follows the new name; null for any other command or a profile whose prompts have no {@code %N}.
   */
  private PromptSet renamedBy(String command) {
    Matcher matcher = HOSTNAME_COMMAND.matcher(command);
    if (!matcher.matches() || prompts.hostname() == null) {
      return null;
    }
    return PromptSet.forHostname(profile, matcher.group(1));
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
    return errors.matcher(output).find();
  }

  private boolean rejectsByProfile(String output) {
    return profileErrors != null && profileErrors.matcher(output).find();
  }

  /**
   * The profile's error patterns as one multi-line alternation, so that an output is scanned once
   * rather than once per pattern; null when the profile has none. The JDK's engine, not RE2/J:
   * profiles are built in (users' patterns never get here), theirs are anchored at a line start
   * with no nested repetition, and RE2/J's automaton stepped through every character of every
   * output (5 % of an execute's CPU) where the JDK's rejects most positions with one test.
   */
  private static java.util.regex.Pattern anyOf(List<String> regexes) {
    if (regexes.isEmpty()) {
      return null;
    }
    return CompiledPatterns.jdk(
        "(?m)" + regexes.stream().map(r -> "(?:" + r + ")").collect(Collectors.joining("|")));
  }

  private static void appendLine(StringBuilder all, String output) {
    if (!output.isEmpty()) {
      all.append(output).append('\n');
    }
  }

  /**
   * The time a configure may take: with a requested timeout one deadline for all its steps, without
   * one the default timeout for each step.
   */
  private record Budget(Instant deadline, Duration perStep) {

    static Budget of(Duration requested, Duration fallback) {
      return requested == null
          ? new Budget(null, fallback)
          : new Budget(Instant.now().plus(requested), null);
    }

    Duration next() {
      if (deadline == null) {
        return perStep;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  private record Step(String output, String prompt, long elapsedMs, long skipped) {}
}
