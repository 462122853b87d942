package dev.patchbay.simulator.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatorExtension;
import dev.patchbay.simulator.support.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code telnet} client, driven by {@code expect}, logs in and runs commands. */
class TelnetClientTest {

  @RegisterExtension
  static final SimulatorExtension SIM =
      SimulatorExtension.with(
          DeviceSpec.of("tel1", "iosxe", Protocol.TELNET),
          DeviceSpec.of("sw1", "nxos", Protocol.TELNET));

  @Test
  void telnetLogsInAndRunsShowVersion(@TempDir Path dir) throws Exception {
    ExternalTools.require("telnet", "inetutils-telnet");
    ExternalTools.require("expect", "expect");
    SimulatedDevice tel1 = SIM.device("tel1");
    SimulatedDevice sw1 = SIM.device("sw1");
    String script =
        """
        set timeout 15
        spawn telnet %1$s %2$d
        expect_after {
          timeout { send_user "\\nEXPECT-TIMEOUT"; exit 2 }
          eof { send_user "\\nEXPECT-EOF"; exit 3 }
        }
        expect "Username: "
        send "admin\\r"
        expect "Password: "
        send "admin\\r"
        expect "tel1>"
        send "terminal length 0\\r"
        expect "tel1>"
        send "show version\\r"
        expect "Configuration register is 0x2102"
        expect "tel1>"
        send "sh ip int br\\r"
        expect "Loopback0"
        expect "tel1>"
        send "exit\\r"
        expect_after
        expect eof
        spawn telnet %1$s %3$d
        expect_after {
          timeout { send_user "\\nEXPECT-TIMEOUT"; exit 4 }
          eof { send_user "\\nEXPECT-EOF"; exit 5 }
        }
        expect "login: "
        send "admin\\r"
        expect "Password: "
        send "admin\\r"
        expect "sw1# "
        send "show version\\r"
        expect "Device name: sw1"
        expect "sw1# "
        send "exit\\r"
        expect_after
        expect eof
        """
            .formatted(tel1.host(), tel1.port(), sw1.port());
    Path file = Files.writeString(dir.resolve("telnet.exp"), script);
    ExternalTools.Result result =
        ExternalTools.run(List.of("expect", file.toString()), Duration.ofSeconds(40));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("Cisco IOS XE Software, Version 17.09.04a")
        .contains("NXOS: version 10.3(3)");
  }
}
