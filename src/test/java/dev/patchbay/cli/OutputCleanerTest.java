package dev.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Raw terminal output to "the output of the command". */
class OutputCleanerTest {

  private static final Pattern PAGER =
      OutputCleaner.pagerArtefacts(OsProfile.forOs("iosxe").pagerPattern());

  @Test
  void removesTheEchoAndTheFinalPrompt() {
    String raw = "show clock\r\n*10:15:02.123 UTC Mon Jan 1 2024\r\nrouter1#";

    assertThat(OutputCleaner.commandOutput(raw, "show clock", null))
        .isEqualTo("*10:15:02.123 UTC Mon Jan 1 2024");
  }

  @Test
  void skipsPromptsRedrawnBeforeTheEcho() {
    String raw = "\r\nrouter1#\r\nrouter1#show clock\r\n12:00\r\nrouter1#";

    assertThat(OutputCleaner.commandOutput(raw, "show clock", null)).isEqualTo("12:00");
  }

  @Test
  void aCommandWithoutOutputHasNone() {
    assertThat(OutputCleaner.commandOutput("hostname r1\r\nr1(config)#", "hostname r1", null))
        .isEmpty();
  }

  @Test
  void stripsEscapeSequencesAndTrailingBlanks() {
    String raw = "show ip\r\n\u001B[1mbold\u001B[0m \u001B]0;title\u0007text  \r\n\r\n\r\nr1>";

    assertThat(OutputCleaner.commandOutput(raw, "show ip", null)).isEqualTo("bold text");
  }

  @Test
  void removesIosPagerPromptsAndTheirErasure() {
    String erase = "\b".repeat(9) + " ".repeat(9) + "\b".repeat(9);
    String raw =
        "show run\r\na\r\nb\r\n --More-- " + erase + "c\r\n --More-- " + erase + "d\r\nr1#";

    assertThat(OutputCleaner.commandOutput(raw, "show run", PAGER)).isEqualTo("a\nb\nc\nd");
  }

  @Test
  void removesOtherPagerStylesToo() {
    String raw = "show log\r\none\r\n-- More --\r          \rtwo\r\n<--- More --->\rthree\r\nr1#";

    assertThat(OutputCleaner.commandOutput(raw, "show log", PAGER)).isEqualTo("one\ntwo\nthree");
  }

  @Test
  void withoutAPagerPatternALiteralMoreStays() {
    String raw = "show banner\r\n--More-- is how pagers look\r\nr1#";

    assertThat(OutputCleaner.commandOutput(raw, "show banner", null))
        .isEqualTo("--More-- is how pagers look");
  }

  @Test
  void aBareCarriageReturnRewritesTheLine() {
    String raw = "copy x y\r\nprogress 10%\rprogress 100%\r\ndone\r\nr1#";

    assertThat(OutputCleaner.commandOutput(raw, "copy x y", null)).isEqualTo("progress 100%\ndone");
  }

  @Test
  void backspacesNeverCrossALineBreak() {
    assertThat(OutputCleaner.applyBackspaces("abc\b\bX")).isEqualTo("aX");
    assertThat(OutputCleaner.applyBackspaces("a\n\b\bb")).isEqualTo("a\nb");
    assertThat(OutputCleaner.applyBackspaces("\b\bplain")).isEqualTo("plain");
  }

  @Test
  void stripAnsiLeavesPlainTextAlone() {
    String plain = "no escapes here";
    assertThat(OutputCleaner.stripAnsi(plain)).isSameAs(plain);
    assertThat(OutputCleaner.stripAnsi("\u001B[2J\u001B[Hr1#")).isEqualTo("r1#");
  }
}
