package dev.patchbay.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The IOS-XE profile through the CLI engine: modes, passwords, errors, dialogs and paging. */
class IosCliTest {

  private final CliHarness cli = CliHarness.builtIn("iosxe", "R1");

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void sessionStartsWithBannerAndUserExecPrompt() throws Exception {
    assertThat(cli.start("R1>")).contains("Patchbay simulated lab").endsWith("\r\nR1>");
  }

  @Test
  void enableAsksForTheSecretWithoutEchoingIt() throws Exception {
    cli.start("R1>");
    assertThat(cli.command("enable", "Password: ")).isEqualTo("enable\r\nPassword: ");
    assertThat(cli.command("cisco", "R1#")).isEqualTo("\r\nR1#");
  }

  @Test
  void threeWrongSecretsAreRefused() throws Exception {
    cli.start("R1>");
    cli.command("enable", "Password: ");
    cli.command("wrong", "Password: ");
    cli.command("wrong", "Password: ");
    assertThat(cli.command("wrong", "R1>")).contains("% Bad secrets").doesNotContain("wrong");
  }

  @Test
  void configurationModesHostnameAndRunningConfig() throws Exception {
    enable();
    assertThat(cli.command("configure terminal", "R1(config)#"))
        .contains("Enter configuration commands");
    cli.command("hostname CORE-7", "CORE-7(config)#");
    cli.command("interface GigabitEthernet3", "CORE-7(config-if)#");
    assertThat(cli.command("description uplink to core", "CORE-7(config-if)#"))
        .isEqualTo("description uplink to core\r\nCORE-7(config-if)#");
    cli.command("exit", "CORE-7(config)#");
    cli.command("end", "CORE-7#");
    cli.command("terminal length 0", "CORE-7#");
    assertThat(cli.command("show running-config", "CORE-7#"))
        .contains("hostname CORE-7\r\n")
        .contains("interface GigabitEthernet3\r\n description uplink to core\r\n");
  }

  @Test
  void ctrlZLeavesConfigurationMode() throws Exception {
    enable();
    cli.command("configure terminal", "R1(config)#");
    cli.command("interface Loopback9", "R1(config-if)#");
    cli.type("\u001a");
    assertThat(cli.until("R1#")).isEqualTo("^Z\r\nR1#");
  }

  @Test
  void linesMarkedInvalidAreRejectedEvenInConfigMode() throws Exception {
    enable();
    cli.command("configure terminal", "R1(config)#");
    assertThat(cli.command("bogus setting", "R1(config)#"))
        .contains("% Invalid input detected at '^' marker.");
  }

  @Test
  void abbreviatedCommandsAreUnderstood() throws Exception {
    cli.start("R1>");
    assertThat(cli.command("sh ver", "R1>")).contains("Cisco IOS XE Software, Version 17.09.04a");
    assertThat(cli.command("sh ip int br", "R1>")).contains("GigabitEthernet1       192.0.2.11");
  }

  @Test
  void invalidInputPutsTheCaretUnderTheFirstWrongCharacter() throws Exception {
    cli.start("R1>");
    String output = cli.command("show verzion", "R1>");
    assertThat(output)
        .isEqualTo(
            "show verzion\r\n"
                + " ".repeat("R1>show ver".length())
                + "^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1>");
  }

  @Test
  void incompleteAndAmbiguousCommandsAreReported() throws Exception {
    cli.start("R1>");
    assertThat(cli.command("show", "R1>")).contains("% Incomplete command.");
    assertThat(cli.command("show t", "R1>")).contains("% Ambiguous command:  \"show t\"");
  }

  @Test
  void copyRunningConfigAsksForTheDestination() throws Exception {
    enable();
    assertThat(cli.command("copy running-config startup-config", "? "))
        .endsWith("Destination filename [startup-config]? ");
    assertThat(cli.command("", "R1#")).contains("Building configuration...\r\n[OK]\r\n");
  }

  @Test
  void reloadCanBeCancelledOrConfirmed() throws Exception {
    enable();
    assertThat(cli.command("reload", "[confirm]")).endsWith("Proceed with reload? [confirm]");
    cli.command("n", "R1#");
    assertThat(cli.transport.disconnected()).isFalse();
    cli.command("reload", "[confirm]");
    assertThat(cli.command("", "Reload requested")).contains("%SYS-5-RELOAD");
    cli.transport.awaitDisconnect(CliHarness.TIMEOUT);
  }

  @Test
  void longOutputIsPagedBehindMore() throws Exception {
    cli.start("R1>");
    String firstPage = cli.command("show logging", " --More-- ");
    assertThat(firstPage.split("\r\n")).hasSize(1 + 23 + 1);
    assertThat(firstPage).contains("08:00:20.020").doesNotContain("08:00:21.021");
    cli.type("\r");
    String oneLine = cli.until(" --More-- ");
    assertThat(oneLine).startsWith("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b");
    assertThat(oneLine).contains("08:00:21.021").doesNotContain("08:00:22.022");
    cli.type(" ");
    assertThat(cli.until("R1>")).contains("08:00:30.030").doesNotContain("--More--");
  }

  @Test
  void quittingThePagerDropsTheRest() throws Exception {
    cli.start("R1>");
    cli.command("show logging", " --More-- ");
    cli.type("q");
    assertThat(cli.until("R1>")).doesNotContain("08:00:21.021");
  }

  @Test
  void terminalLengthZeroDisablesPaging() throws Exception {
    cli.start("R1>");
    cli.command("terminal length 0", "R1>");
    cli.command("terminal width 0", "R1>");
    assertThat(cli.command("show logging", "R1>"))
        .contains("08:00:30.030")
        .doesNotContain("--More--");
  }

  @Test
  void ctrlCDiscardsTheLineAndBackspaceErases() throws Exception {
    cli.start("R1>");
    cli.type("show ver\u0003");
    assertThat(cli.until("R1>")).isEqualTo("show ver^C\r\nR1>");
    cli.type("show clox\u007fck\r");
    assertThat(cli.until("R1>")).contains("\b \b").contains("UTC Wed Nov 25 2026");
  }

  @Test
  void ansiEscapesAndLatin1BytesPassThrough() throws Exception {
    cli.start("R1>");
    assertThat(cli.command("show color", "R1>")).contains("\u001b[1;32mGREEN BOLD\u001b[0m");
    int before = cli.transport.size();
    cli.command("show latin1", "R1>");
    byte[] all = cli.transport.bytes();
    String latin1 =
        new String(all, before, all.length - before, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(latin1).contains("Caf\u00e9 na\u00efve \u00ff\u00fe");
  }

  @Test
  void typeAheadDuringSlowOutputIsKept() throws Exception {
    cli.start("R1>");
    cli.type("show slow\rshow clock\r");
    String output = cli.until("UTC Wed Nov 25 2026");
    assertThat(output).contains("Slow answer after 2 seconds");
  }

  @Test
  void execRunsOneCommandInPrivilegedModeAndReportsTheStatus() throws Exception {
    AtomicInteger status = new AtomicInteger(-1);
    cli.session.runExec("show running-config", status::set);
    int end = cli.transport.awaitText(0, "end\r\n", CliHarness.TIMEOUT);
    assertThat(cli.transport.textFrom(0))
        .startsWith("Building configuration")
        .doesNotContain("R1#");
    assertThat(end).isEqualTo(cli.transport.size());
    assertThat(status.get()).isZero();
  }

  @Test
  void execOfAnInvalidCommandFails() throws Exception {
    AtomicInteger status = new AtomicInteger(-1);
    cli.session.runExec("show nonsense", status::set);
    cli.transport.awaitText(0, "% Invalid input", CliHarness.TIMEOUT);
    assertThat(cli.transport.textFrom(0)).startsWith("     ^\r\n");
    assertThat(status.get()).isEqualTo(1);
  }

  private void enable() throws InterruptedException {
    cli.start("R1>");
    cli.command("enable", "Password: ");
    cli.command("cisco", "R1#");
  }
}
