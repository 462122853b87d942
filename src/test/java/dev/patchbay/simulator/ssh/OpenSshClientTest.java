package dev.patchbay.simulator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatorExtension;
import dev.patchbay.simulator.support.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The OpenSSH client (with sshpass, and driven by expect) against simulated devices. */
class OpenSshClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final SimulatorExtension SIM =
      SimulatorExtension.with(
          DeviceSpec.of("r1", "iosxe", Protocol.SSH), DeviceSpec.of("h1", "linux", Protocol.SSH));

  @BeforeAll
  static void requireClients() {
    ExternalTools.require("ssh", "openssh-client");
    ExternalTools.require("sshpass", "sshpass");
    ExternalTools.require("expect", "expect");
  }

  @Test
  void sshRunsARemoteCommand() throws Exception {
    SimulatedDevice h1 = SIM.device("h1");
    ExternalTools.Result result = ExternalTools.run(ssh(h1, false, "uname -a"), TIMEOUT);
    assertThat(result.output()).contains("Linux h1 6.1.0-27-amd64");
    assertThat(result.exitCode()).isZero();
    ExternalTools.Result failed = ExternalTools.run(ssh(h1, false, "no-such-tool"), TIMEOUT);
    assertThat(failed.output()).contains("-bash: no-such-tool: command not found");
    assertThat(failed.exitCode()).isEqualTo(127);
  }

  @Test
  void interactiveSessionDrivenByExpect(@TempDir Path dir) throws Exception {
    SimulatedDevice r1 = SIM.device("r1");
    String script =
        """
        set timeout 15
        spawn %s
        expect_after {
          timeout { send_user "\\nEXPECT-TIMEOUT"; exit 2 }
          eof { send_user "\\nEXPECT-EOF"; exit 3 }
        }
        expect "r1>"
        send "enable\\r"
        expect "Password: "
        send "cisco\\r"
        expect "r1#"
        send "show ip interface brief\\r"
        expect "Loopback0"
        expect "r1#"
        send "show running-config\\r"
        expect " --More-- "
        send " "
        expect "end"
        expect "r1#"
        send "exit\\r"
        expect_after
        expect eof
        """
            .formatted(String.join(" ", ssh(r1, true, null)));
    Path file = Files.writeString(dir.resolve("session.exp"), script);
    ExternalTools.Result result = ExternalTools.run(List.of("expect", file.toString()), TIMEOUT);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("GigabitEthernet1       192.0.2.11")
        .contains("hostname r1")
        .doesNotContain("cisco\r");
  }

  private static List<String> ssh(SimulatedDevice device, boolean tty, String command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sshpass",
                "-p",
                device.password(),
                "ssh",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "PreferredAuthentications=password,keyboard-interactive",
                "-p",
                String.valueOf(device.port())));
    if (tty) {
      args.add("-tt");
    }
    args.add(device.username() + "@" + device.host());
    if (command != null) {
      args.add(command);
    }
    return args;
  }
}
