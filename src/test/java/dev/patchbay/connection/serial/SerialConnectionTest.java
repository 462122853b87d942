package dev.patchbay.connection.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionState;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.io.CommandErrorException;
import dev.patchbay.io.DeviceUnreachableException;
import dev.patchbay.testpeer.SerialPeer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The serial driver on a socat pseudo-terminal pair with the simulator's CLI on the far end. */
@Timeout(60)
class SerialConnectionTest {

  private SerialPeer peer;

  @BeforeEach
  void start() throws Exception {
    peer = new SerialPeer();
  }

  @AfterEach
  void stop() throws Exception {
    peer.close();
  }

  private SerialConnection connection(String device) {
    return new SerialConnection(
        ConnectionSettings.network(
                "r1-console",
                null,
                0,
                new LoginCredentials("admin", "admin", null, "cisco"),
                OsProfile.forOs("iosxe"))
            .withSerial(
                new ConnectionSettings.SerialSettings(device, 115200, 8, "none", "1", "none"))
            .withTimeouts(
                new ConnectionSettings.Timeouts(
                    Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10))));
  }

  @Test
  void logsInOnTheConsoleExecutesAndConfigures() {
    try (SerialConnection connection = connection(peer.devicePath())) {
      connection.open();
      ExecuteResult version = connection.execute(ExecuteRequest.of("show version"));
      assertThat(version.output()).startsWith("Cisco IOS XE Software");
      assertThat(version.prompt()).isEqualTo("r1#");
      assertThatThrownBy(
              () ->
                  connection.configure(ConfigureRequest.of("interface Loopback9", "exit", "bogus")))
          .isInstanceOfSatisfying(
              CommandErrorException.class, e -> assertThat(e.line()).isEqualTo(3));
      assertThat(connection.execute(ExecuteRequest.of("show clock")).state())
          .isEqualTo(CliState.ENABLE);
    }
  }

  @Test
  void breakAndResizeDoNotDisturbTheSession() {
    try (SerialConnection connection = connection(peer.devicePath())) {
      connection.open();
      connection.terminal().resize(132, 40);
      connection.terminal().sendBreak();
      assertThat(connection.execute(ExecuteRequest.of("show clock")).output()).contains("UTC");
    }
  }

  @Test
  void missingPortIsUnreachable() {
    SerialConnection connection = connection(peer.devicePath() + "-missing");
    assertThatThrownBy(connection::open).isInstanceOf(DeviceUnreachableException.class);
    assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
  }
}
