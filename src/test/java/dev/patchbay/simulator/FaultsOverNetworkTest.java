package dev.patchbay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.support.SshTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fault behaviours of the iosxe profile as real SSH and Telnet clients see them. */
class FaultsOverNetworkTest {

  @RegisterExtension
  static final SimulatorExtension SIM =
      SimulatorExtension.with(
          DeviceSpec.of("r1", "iosxe", Protocol.SSH),
          DeviceSpec.of("t1", "iosxe", Protocol.TELNET));

  private static final SshTestClient CLIENT = new SshTestClient();

  @AfterAll
  static void stopClient() {
    CLIENT.close();
  }

  @Test
  void tenMegabytesArriveOverSshWithFlowControl() throws Exception {
    try (ClientSession session = CLIENT.login(SIM.device("r1"))) {
      CountingStream counter = new CountingStream();
      try (ChannelExec channel = session.createExecChannel("show tech-support")) {
        channel.setOut(counter);
        channel.open().verify(SshTestClient.TIMEOUT);
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(60));
        assertThat(channel.getExitStatus()).isZero();
      }
      assertThat(counter.count).isEqualTo(10L * 1024 * 1024);
    }
  }

  @Test
  void disconnectDropsTheSshConnectionMidOutput() throws Exception {
    try (ClientSession session = CLIENT.login(SIM.device("r1"))) {
      SshTestClient.ExecResult result = SshTestClient.exec(session, "show crash");
      assertThat(result.output()).hasSize(64).startsWith("Building a long answer");
      assertThat(result.exitStatus()).isNull();
      Set<ClientSession.ClientSessionEvent> events =
          session.waitFor(
              EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), SshTestClient.TIMEOUT);
      assertThat(events).contains(ClientSession.ClientSessionEvent.CLOSED);
    }
  }

  @Test
  void hangNeverAnswersOverTelnet() throws Exception {
    SimulatedDevice t1 = SIM.device("t1");
    try (Socket socket = new Socket(t1.host(), t1.port())) {
      socket.setSoTimeout(300);
      InputStream in = socket.getInputStream();
      readUntil(in, "Username: ");
      socket.getOutputStream().write("admin\r\nadmin\r\n".getBytes(StandardCharsets.US_ASCII));
      readUntil(in, "t1>");
      socket.getOutputStream().write("show hang\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readFor(in, Duration.ofMillis(800))).doesNotContain("t1>");
    }
  }

  private static String readUntil(InputStream in, String needle) throws IOException {
    StringBuilder text = new StringBuilder();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (text.indexOf(needle) < 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + needle + " in " + text);
      }
      text.append(readFor(in, Duration.ofMillis(100)));
    }
    return text.toString();
  }

  private static String readFor(InputStream in, Duration duration) throws IOException {
    StringBuilder text = new StringBuilder();
    long deadline = System.nanoTime() + duration.toNanos();
    byte[] buffer = new byte[4096];
    while (System.nanoTime() < deadline) {
      try {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      } catch (SocketTimeoutException e) {
        // keep reading until the deadline
      }
    }
    return text.toString();
  }

  /** Counts bytes without keeping them. */
  private static final class CountingStream extends java.io.OutputStream {
    private volatile long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
