package dev.patchbay.simulator.telnet;

import static dev.patchbay.simulator.telnet.RawTelnetClient.printable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Telnet option negotiation, login and line editing, checked byte by byte on a raw socket. */
class TelnetNegotiationTest {

  private static final int IAC = 255;
  private static final int DONT = 254;
  private static final int DO = 253;
  private static final int WONT = 252;
  private static final int WILL = 251;
  private static final int SB = 250;
  private static final int SE = 240;
  private static final int IP = 244;
  private static final int BINARY = 0;
  private static final int ECHO = 1;
  private static final int SGA = 3;
  private static final int STATUS = 5;
  private static final int TTYPE = 24;
  private static final int NAWS = 31;
  private static final int NEW_ENVIRON = 39;

  @RegisterExtension
  static final SimulatorExtension SIM =
      SimulatorExtension.with(DeviceSpec.of("tel1", "iosxe", Protocol.TELNET));

  @Test
  void serverOffersOptionsThenAsksForTheUsername(SimulatedDevice tel1) throws Exception {
    try (RawTelnetClient client = new RawTelnetClient(tel1.port())) {
      String opening = client.await("Username: ");
      assertThat(printable(opening))
          .startsWith(
              printable(
                  chars(
                      IAC, WILL, ECHO, IAC, WILL, SGA, IAC, DO, NAWS, IAC, DO, TTYPE, IAC, WILL,
                      BINARY, IAC, DO, BINARY)))
          .contains("Patchbay simulated lab");
    }
  }

  @Test
  void negotiatesWindowSizeAndTerminalTypeAndRefusesUnknownOptions(SimulatedDevice tel1)
      throws Exception {
    try (RawTelnetClient client = new RawTelnetClient(tel1.port())) {
      client.await("Username: ");
      client.send(IAC, DO, ECHO, IAC, DO, SGA, IAC, DO, BINARY, IAC, WILL, BINARY);
      client.send(IAC, WILL, NAWS, IAC, SB, NAWS, 0, 132, 0, 50, IAC, SE);
      client.send(IAC, WILL, TTYPE);
      assertThat(client.await(chars(IAC, SB, TTYPE, 1, IAC, SE)))
          .isEqualTo(chars(IAC, SB, TTYPE, 1, IAC, SE));
      client.send(IAC, SB, TTYPE, 0);
      client.send("XTERM-256COLOR");
      client.send(IAC, SE);
      client.send(IAC, WILL, NEW_ENVIRON);
      assertThat(client.await(chars(IAC, DONT, NEW_ENVIRON)))
          .isEqualTo(chars(IAC, DONT, NEW_ENVIRON));
      client.send(IAC, DO, STATUS);
      assertThat(client.await(chars(IAC, WONT, STATUS))).isEqualTo(chars(IAC, WONT, STATUS));

      client.send("admin\r\n");
      assertThat(client.await("Password: ")).isEqualTo("admin\r\nPassword: ");
      client.send("admin\r\0");
      assertThat(client.await("tel1>")).isEqualTo("\r\ntel1>");
      client.send("show terminal\r\n");
      assertThat(client.await("tel1>"))
          .contains("Type: \"XTERM-256COLOR\"")
          .contains("Length: 50 lines, Width: 132 columns");
    }
  }

  @Test
  void characterModeEditingInterruptAndIacEscaping(SimulatedDevice tel1) throws Exception {
    try (RawTelnetClient client = loggedIn(tel1)) {
      for (char c : "show clocx".toCharArray()) {
        client.send(String.valueOf(c));
      }
      client.send(0x7f);
      client.send("k\r\0");
      assertThat(client.await("tel1>")).startsWith("show clocx\b \bk\r\n").contains("UTC");
      client.send("show ver");
      client.send(0x03);
      assertThat(client.await("tel1>")).isEqualTo("show ver^C\r\ntel1>");
      client.send("show");
      client.send(IAC, IP);
      assertThat(client.await("tel1>")).isEqualTo("show^C\r\ntel1>");
      client.send("show latin1\r\n");
      assertThat(client.await("tel1>")).contains("Caf\u00e9 na\u00efve \u00ff\u00ff\u00fe");
    }
  }

  @Test
  void lineModeClientThatRefusesEchoGetsNoEcho(SimulatedDevice tel1) throws Exception {
    try (RawTelnetClient client = new RawTelnetClient(tel1.port())) {
      client.await("Username: ");
      client.send(IAC, DONT, ECHO, IAC, WONT, NAWS, IAC, WONT, TTYPE);
      client.send("admin\r\n");
      assertThat(client.await("Password: ")).isEqualTo("Password: ");
      client.send("admin\r\n");
      client.await("tel1>");
      client.send("show clock\r\n");
      assertThat(client.await("tel1>")).startsWith("*10:42:17.123 UTC");
    }
  }

  @Test
  void threeFailedLoginsCloseTheConnection(SimulatedDevice tel1) throws Exception {
    try (RawTelnetClient client = new RawTelnetClient(tel1.port())) {
      client.send(IAC, DO, ECHO);
      for (int attempt = 0; attempt < 3; attempt++) {
        client.await("Username: ");
        client.send("admin\r\n");
        client.await("Password: ");
        client.send("guess\r\n");
        assertThat(client.await("% Login invalid")).doesNotContain("guess");
      }
      assertThat(client.closedByServer()).isTrue();
    }
  }

  private static RawTelnetClient loggedIn(SimulatedDevice device) throws Exception {
    RawTelnetClient client = new RawTelnetClient(device.port());
    client.await("Username: ");
    client.send(IAC, DO, ECHO);
    client.send("admin\r\n");
    client.await("Password: ");
    client.send("admin\r\n");
    client.await("tel1>");
    client.drain(Duration.ofMillis(50));
    return client;
  }

  private static String chars(int... bytes) {
    StringBuilder text = new StringBuilder();
    for (int b : bytes) {
      text.append((char) b);
    }
    return text.toString();
  }
}
