package dev.patchbay.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The linux and nxos profiles through the CLI engine. */
class LinuxAndNxosCliTest {

  @Test
  void linuxShellAnswersCommonCommands() throws Exception {
    try (CliHarness cli = CliHarness.builtIn("linux", "h1")) {
      cli.start("admin@h1:~$ ");
      assertThat(cli.command("uname -a", "$ ")).contains("Linux h1 6.1.0-27-amd64");
      assertThat(cli.command("hostname", "$ ")).contains("\r\nh1\r\n");
      assertThat(cli.command("echo hello   world", "$ ")).contains("\r\nhello   world\r\n");
      assertThat(cli.command("cat /etc/os-release", "$ ")).contains("ID=debian");
      assertThat(cli.command("uname --bogus", "$ ")).contains("-bash: uname: command not found");
    }
  }

  @Test
  void sudoAsksForTheLoginPasswordAndExitReturnsToTheUser() throws Exception {
    try (CliHarness cli = CliHarness.builtIn("linux", "h1")) {
      cli.start("admin@h1:~$ ");
      assertThat(cli.command("sudo -i", ": ")).endsWith("[sudo] password for admin: ");
      assertThat(cli.command("nope", ": ")).contains("Sorry, try again.");
      assertThat(cli.command("admin", "root@h1:~# ")).doesNotContain("admin\r\n");
      assertThat(cli.command("whoami", "# ")).contains("\r\nroot\r\n");
      assertThat(cli.command("exit", "$ ")).contains("logout").endsWith("admin@h1:~$ ");
    }
  }

  @Test
  void linuxExecReportsShellExitStatuses() throws Exception {
    AtomicInteger status = new AtomicInteger(-1);
    try (CliHarness cli = CliHarness.builtIn("linux", "h1")) {
      cli.session.runExec("frobnicate now", status::set);
      cli.transport.awaitText(0, "command not found", CliHarness.TIMEOUT);
      assertThat(cli.transport.textFrom(0)).isEqualTo("-bash: frobnicate: command not found\r\n");
      assertThat(status.get()).isEqualTo(127);
    }
    try (CliHarness cli = CliHarness.builtIn("linux", "h1")) {
      cli.session.runExec("false", status::set);
      assertThat(status.get()).isEqualTo(1);
    }
  }

  @Test
  void nxosUsesItsOwnPromptsAndMessages() throws Exception {
    try (CliHarness cli = CliHarness.builtIn("nxos", "leaf9")) {
      cli.start("leaf9# ");
      assertThat(cli.command("show version", "leaf9# ")).contains("NXOS: version 10.3(3)");
      assertThat(cli.command("show vrsion", "leaf9# "))
          .contains("% Invalid command at '^' marker.");
      cli.command("configure terminal", "leaf9(config)# ");
      cli.command("interface Ethernet1/9", "leaf9(config-if)# ");
      cli.command("no shutdown", "leaf9(config-if)# ");
      cli.command("end", "leaf9# ");
      cli.command("terminal length 0", "leaf9# ");
      assertThat(cli.command("show running-config", "leaf9# "))
          .contains("interface Ethernet1/9\r\n  no shutdown\r\n");
    }
  }
}
