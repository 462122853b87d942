package dev.patchbay.simulator.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatorExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One selector thread serves a thousand simultaneous Telnet sessions. */
class TelnetConcurrencyTest {

  private static final int SESSIONS = 1000;

  @RegisterExtension
  static final SimulatorExtension SIM =
      SimulatorExtension.with(DeviceSpec.of("crowd", "nxos", Protocol.TELNET));

  @Test
  void thousandConcurrentSessionsLogInAndRunACommand(SimulatedDevice crowd) throws Exception {
    int threadsBefore = Thread.activeCount();
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < SESSIONS; i++) {
        Socket socket = new Socket(crowd.host(), crowd.port());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
      }
      byte[] keystrokes = "admin\r\nadmin\r\nshow hostname\r\n".getBytes(StandardCharsets.US_ASCII);
      for (Socket socket : sockets) {
        socket.getOutputStream().write(keystrokes);
      }
      assertThat(Thread.activeCount() - threadsBefore).isLessThan(10);
      for (Socket socket : sockets) {
        assertThat(readUntil(socket.getInputStream(), "crowd# crowd\r\ncrowd# "))
            .contains("login: ");
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  private static String readUntil(InputStream in, String needle) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[4096];
    while (text.indexOf(needle) < 0) {
      int n = in.read(buffer);
      if (n < 0) {
        throw new AssertionError("Connection closed before " + needle + ": " + text);
      }
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
    return text.toString();
  }
}
