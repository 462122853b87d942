package dev.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.io.AuthFailedException;
import dev.patchbay.io.CommandErrorException;
import dev.patchbay.io.ConnectionClosedException;
import dev.patchbay.io.OperationTimeoutException;
import dev.patchbay.io.PromptNotFoundException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The expect engine against a {@link FakeDevice}: real {@link CliSession}, {@code Expect} and
 * {@code Terminal}, a scripted device on the other side, no network.
 */
@Timeout(30)
class CliSessionTest {

  private static final Duration LOGIN = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(400);

  private final FakeDevice device = new FakeDevice();
  private final CliSession cli =
      new CliSession(
          device.terminal, OsProfile.forOs("iosxe"), "en-s3cret", Duration.ofSeconds(10), 1 << 20);

  @AfterEach
  void close() {
    cli.close();
    device.close();
  }

  private void connected() {
    device.start();
    cli.learnPrompt(LOGIN);
    device.forget();
  }

  @Nested
  class Prompts {

    @Test
    void learnsTheHostnameAndRunsACommand() {
      device.answer("show clock", "*10:15:02.123 UTC Mon Jan 1 2024");
      connected();

      ExecuteResult result = cli.execute(ExecuteRequest.of("show clock"));

      assertThat(result.output()).isEqualTo("*10:15:02.123 UTC Mon Jan 1 2024");
      assertThat(result.prompt()).isEqualTo("router1>");
      assertThat(result.state()).isEqualTo(CliState.EXEC);
      assertThat(result.command()).isEqualTo("show clock");
      assertThat(result.skippedBytes()).isZero();
    }

    @Test
    void aPromptArrivingOneByteAtATimeIsStillRecognised() {
      device
          .answer("show version", "Cisco IOS XE Software, Version 17.09.04a", "uptime is 1 day")
          .trickle(1, Duration.ofMillis(1));
      connected();

      ExecuteResult result = cli.execute(ExecuteRequest.of("show version"));

      assertThat(result.output())
          .isEqualTo("Cisco IOS XE Software, Version 17.09.04a\nuptime is 1 day");
      assertThat(result.prompt()).isEqualTo("router1>");
    }

    @Test
    void aHostnamePromptSplitMidwayEndsTheCommandOnlyWhenComplete() {
      device.on(
          "show users",
          d ->
              d.emit("    Line       User\r\n*  1 vty 0     admin\r\nrout")
                  .pause(Duration.ofMillis(150))
                  .emit("er1>"));
      connected();

      ExecuteResult result = cli.execute(ExecuteRequest.of("show users"));

      assertThat(result.output()).isEqualTo("    Line       User\n*  1 vty 0     admin");
      assertThat(result.prompt()).isEqualTo("router1>");
    }

    @Test
    void onceLearnedOnlyTheDevicesOwnHostnameEndsACommand() {
      device.on(
          "show run | include banner",
          d ->
              d.emit("banner motd ^C\r\nother-router#")
                  .pause(Duration.ofMillis(200))
                  .emit("\r\n^C\r\n")
                  .prompt());
      connected();

      ExecuteResult result = cli.execute(ExecuteRequest.of("show run | include banner"));

      assertThat(result.output()).isEqualTo("banner motd ^C\nother-router#\n^C");
    }

    @Test
    void aBannerLineThatLooksLikeAPromptIsNotTakenForOne() {
      device.emit("\r\nWelcome-to-the-lab#").pause(Duration.ofMillis(200)).emit("\r\n").prompt();
      device.answer("show clock", "12:00");

      cli.learnPrompt(LOGIN);
      ExecuteResult result = cli.execute(ExecuteRequest.of("show clock"));

      assertThat(result.prompt()).isEqualTo("router1>");
      assertThat(result.output()).isEqualTo("12:00");
    }

    @Test
    void hostnamesWithDotsDashesAndSlashesAreLearned() {
      device.hostname("core-sw1.lab/2").mode(FakeDevice.Mode.ENABLE);
      device.answer("show clock", "12:00");
      connected();

      ExecuteResult result = cli.execute(ExecuteRequest.of("show clock"));

      assertThat(result.prompt()).isEqualTo("core-sw1.lab/2#");
      assertThat(result.state()).isEqualTo(CliState.ENABLE);
    }

    @Test
    void noPromptAtAllIsPromptNotFound() {
      device.silent();
      long start = System.nanoTime();

      assertThatThrownBy(() -> cli.learnPrompt(SHORT))
          .isInstanceOf(PromptNotFoundException.class)
          .satisfies(
              e ->
                  assertThat(((PatchbayException) e).type())
                      .isEqualTo(ProblemType.PROMPT_NOT_FOUND));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anExplicitPromptPatternEndsACommandTheProfileDoesNotKnow() {
      device.on("tclsh", d -> d.emit("router1(tcl)#"));
      connected();

      ExecuteResult result =
          cli.execute(
              ExecuteRequest.of("tclsh").withPrompt(Pattern.compile("^router1\\(tcl\\)#\\s*$")));

      assertThat(result.prompt()).isEqualTo("router1(tcl)#");
      assertThat(result.output()).isEmpty();
    }
  }

  @Nested
  class Paging {

    private static final String IOS_MORE = " --More-- ";
    private static final String IOS_ERASE = "\b".repeat(10) + " ".repeat(10) + "\b".repeat(10);

    @Test
    void morePromptsAreAnsweredAndTheirArtefactsRemoved() {
      device.on(
          "show interfaces",
          d ->
              d.paged(
                  IOS_MORE,
                  IOS_ERASE,
                  "Gi1 is up\r\n  MTU 1500\r\n",
                  "Gi2 is down\r\n  MTU 1500\r\n",
                  "Gi3 is up\r\n  MTU 9000\r\n"));
      connected();

      ExecuteResult result = cli.execute(ExecuteRequest.of("show interfaces"));

      assertThat(result.output())
          .isEqualTo("Gi1 is up\n  MTU 1500\nGi2 is down\n  MTU 1500\nGi3 is up\n  MTU 9000");
      assertThat(device.pagerKeys()).containsExactly(" ", " ");
    }

    @Test
    void aPagerPromptSplitAcrossReadsIsStillAnswered() {
      device
          .on("show log", d -> d.paged(IOS_MORE, IOS_ERASE, "first page\r\n", "second page\r\n"))
          .trickle(1, Duration.ofMillis(1));
      connected();

      ExecuteResult result = cli.execute(ExecuteRequest.of("show log"));

      assertThat(result.output()).isEqualTo("first page\nsecond page");
      assertThat(device.pagerKeys()).containsExactly(" ");
    }

    @Test
    void aPagerErasedWithACarriageReturnLeavesNoBlanks() {
      device.on(
          "show tech", d -> d.paged("--More--", "\r        \r", "alpha\r\nbeta\r\n", "gamma\r\n"));
      connected();

      ExecuteResult result = cli.execute(ExecuteRequest.of("show tech"));

      assertThat(result.output()).isEqualTo("alpha\nbeta\ngamma");
    }
  }

  @Nested
  class Dialogs {

    @Test
    void aConfirmQuestionIsAnsweredByItsReplyStatement() {
      device.on(
          "clear counters",
          d ->
              d.ask(
                  "Clear \"show interface\" counters on all interfaces [confirm]",
                  answer -> d.emit("cleared with '" + answer + "'\r\n").prompt()));
      connected();

      ExecuteResult result =
          cli.execute(
              ExecuteRequest.of("clear counters")
                  .withDialogs(List.of(DialogStatement.of("\\[confirm\\]\\s*$", "y"))));

      assertThat(result.output()).endsWith("cleared with 'y'");
      assertThat(device.received()).containsSubsequence("clear counters", "y");
    }

    @Test
    void statementsAnswerInTheOrderTheQuestionsComeAndOnceEach() {
      device.on(
          "copy running-config startup-config",
          d ->
              d.ask(
                  "Destination filename [startup-config]? ",
                  name ->
                      d.ask(
                          "Overwrite '"
                              + (name.isEmpty() ? "startup-config" : name)
                              + "'? [confirm]",
                          yes -> d.emit("Building configuration...\r\n[OK]\r\n").prompt())));
      connected();

      ExecuteResult result =
          cli.execute(
              ExecuteRequest.of("copy running-config startup-config")
                  .withDialogs(
                      List.of(
                          DialogStatement.of("\\[confirm\\]\\s*$", "y"),
                          DialogStatement.of("Destination filename \\[.*\\]\\?\\s*$", ""))));

      assertThat(result.output()).contains("Building configuration...", "[OK]");
      assertThat(device.received()).containsExactly("copy running-config startup-config", "", "y");
    }

    @Test
    void aLoopingStatementAnswersEveryTimeItMatches() {
      device.on(
          "delete flash:*.bin",
          d ->
              d.ask(
                  "Delete flash:a.bin? [confirm]",
                  a -> d.ask("Delete flash:b.bin? [confirm]", b -> d.emit("done\r\n").prompt())));
      connected();

      ExecuteResult result =
          cli.execute(
              ExecuteRequest.of("delete flash:*.bin")
                  .withDialogs(
                      List.of(
                          new DialogStatement(Pattern.compile("\\[confirm\\]\\s*$"), "", true))));

      assertThat(result.output()).endsWith("done");
      assertThat(device.received()).containsExactly("delete flash:*.bin", "", "");
    }
  }

  @Nested
  class Errors {

    @Test
    void anInvalidInputMarkerIsACommandError() {
      connected();

      assertThatThrownBy(() -> cli.execute(ExecuteRequest.of("show bogus")))
          .isInstanceOfSatisfying(
              CommandErrorException.class,
              e -> {
                assertThat(e.command()).isEqualTo("show bogus");
                assertThat(e.line()).isZero();
                assertThat(e.output()).contains(FakeDevice.INVALID);
                assertThat(e.type()).isEqualTo(ProblemType.COMMAND_ERROR);
              });
    }

    @Test
    void requestErrorPatternsReplaceTheProfiles() {
      device.answer("run check", "check FAILED: 2 of 3");
      connected();

      ExecuteRequest invalidButAccepted =
          new ExecuteRequest("show bogus", null, null, null, List.of(Pattern.compile("FAILED")));
      assertThat(cli.execute(invalidButAccepted).output()).contains(FakeDevice.INVALID);

      ExecuteRequest failing =
          new ExecuteRequest("run check", null, null, null, List.of(Pattern.compile("FAILED")));
      assertThatThrownBy(() -> cli.execute(failing)).isInstanceOf(CommandErrorException.class);
    }

    @Test
    void noPromptInTimeIsATimeoutWithTheOutputSoFar() {
      device.on("show tech-support", d -> d.emit("------ show version ------\r\nCisco IOS\r\n"));
      connected();
      long start = System.nanoTime();

      assertThatThrownBy(
              () -> cli.execute(ExecuteRequest.of("show tech-support").withTimeout(SHORT)))
          .isInstanceOfSatisfying(
              OperationTimeoutException.class,
              e -> {
                assertThat(e.type()).isEqualTo(ProblemType.TIMEOUT);
                assertThat(e.output()).contains("------ show version ------", "Cisco IOS");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void resyncInterruptsAHungCommandAndTheSessionGoesOn() {
      device.on("ping 192.0.2.1 repeat 100000", d -> d.emit("!!!!!!!!"));
      device.answer("show clock", "12:00");
      connected();
      assertThatThrownBy(
              () ->
                  cli.execute(ExecuteRequest.of("ping 192.0.2.1 repeat 100000").withTimeout(SHORT)))
          .isInstanceOf(OperationTimeoutException.class);

      assertThat(cli.resync(Duration.ofSeconds(5))).isTrue();
      assertThat(cli.execute(ExecuteRequest.of("show clock")).output()).isEqualTo("12:00");
    }

    @Test
    void aClosedStreamIsConnectionClosed() {
      device.on("reload", d -> d.emit("Reloading...\r\n").hangUp());
      connected();

      assertThatThrownBy(() -> cli.execute(ExecuteRequest.of("reload")))
          .isInstanceOf(ConnectionClosedException.class);
    }
  }

  @Nested
  class Login {

    @Test
    void answersUsernameAndPasswordThenLearnsThePrompt() {
      device.startWithLogin("admin", "pw-1").answer("show clock", "12:00");

      cli.login("admin", "pw-1", LOGIN);
      cli.learnPrompt(LOGIN);

      assertThat(device.received()).startsWith("admin", "pw-1");
      assertThat(cli.execute(ExecuteRequest.of("show clock")).prompt()).isEqualTo("router1>");
    }

    @Test
    void aLoginPromptSplitAcrossReadsIsAnswered() {
      device.trickle(2, Duration.ofMillis(2)).startWithLogin("admin", "pw-1");

      cli.login("admin", "pw-1", LOGIN);
      cli.learnPrompt(LOGIN);

      assertThat(device.received()).startsWith("admin", "pw-1");
    }

    @Test
    void aRefusedPasswordIsAuthFailed() {
      device.startWithLogin("admin", "pw-1");

      assertThatThrownBy(() -> cli.login("admin", "wrong", LOGIN))
          .isInstanceOfSatisfying(
              AuthFailedException.class,
              e -> assertThat(e.type()).isEqualTo(ProblemType.AUTH_FAILED));
      assertThat(device.received()).containsExactly("admin", "wrong");
    }

    @Test
    void aUsernamePromptWithoutAUsernameIsAuthFailed() {
      device.startWithLogin("admin", "pw-1");

      assertThatThrownBy(() -> cli.login(null, "pw-1", LOGIN))
          .isInstanceOf(AuthFailedException.class)
          .hasMessageContaining("username");
    }

    @Test
    void aSilentDeviceTimesOutTheLogin() {
      device.silent();
      long start = System.nanoTime();

      assertThatThrownBy(() -> cli.login("admin", "pw-1", SHORT))
          .isInstanceOf(OperationTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDeviceWithoutLoginGoesStraightToItsPrompt() {
      device.start();

      cli.login("admin", "pw-1", LOGIN);
      cli.learnPrompt(LOGIN);

      assertThat(device.received()).doesNotContain("admin", "pw-1");
    }
  }

  @Nested
  class Configure {

    @Test
    void entersEnableAndConfigModeSendsEachLineAndEnds() {
      connected();

      ConfigureResult result =
          cli.configure(ConfigureRequest.of("interface Gi1", "description uplink", "no shutdown"));

      assertThat(result.lines()).isEqualTo(3);
      assertThat(device.received())
          .containsExactly(
              "enable",
              "en-s3cret",
              "configure terminal",
              "interface Gi1",
              "description uplink",
              "no shutdown",
              "end");
      assertThat(device.currentMode()).isEqualTo(FakeDevice.Mode.ENABLE);
      assertThat(cli.execute(ExecuteRequest.of("")).state()).isEqualTo(CliState.ENABLE);
    }

    @Test
    void alreadyEnabledSkipsEnable() {
      device.mode(FakeDevice.Mode.ENABLE);
      connected();

      cli.configure(ConfigureRequest.of("hostname router1"));

      assertThat(device.received())
          .containsExactly("configure terminal", "hostname router1", "end");
    }

    @Test
    void aRejectedLineStopsTheConfigurationNamesItsLineAndLeavesConfigMode() {
      device.rejectsInConfig("ip routing bogus");
      connected();

      assertThatThrownBy(
              () ->
                  cli.configure(
                      ConfigureRequest.of("hostname router1", "ip routing bogus", "never sent")))
          .isInstanceOfSatisfying(
              CommandErrorException.class,
              e -> {
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.command()).isEqualTo("ip routing bogus");
                assertThat(e.output()).contains(FakeDevice.INVALID);
              });
      assertThat(device.received()).doesNotContain("never sent").endsWith("end");
      assertThat(device.currentMode()).isEqualTo(FakeDevice.Mode.ENABLE);
    }

    @Test
    void aWrongEnableSecretIsAuthFailed() {
      device.enableSecret("something-else");
      connected();

      assertThatThrownBy(() -> cli.configure(ConfigureRequest.of("hostname x")))
          .isInstanceOf(AuthFailedException.class);
      assertThat(device.received()).doesNotContain("configure terminal", "hostname x");
    }

    @Test
    void aProfileWithoutConfigModeRefusesToConfigure() {
      try (FakeDevice shell = new FakeDevice();
          CliSession linux =
              new CliSession(
                  shell.terminal, OsProfile.forOs("linux"), null, Duration.ofSeconds(5), 4096)) {
        assertThatThrownBy(() -> linux.configure(ConfigureRequest.of("x")))
            .isInstanceOfSatisfying(
                PatchbayException.class,
                e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION));
      }
    }
  }
}
