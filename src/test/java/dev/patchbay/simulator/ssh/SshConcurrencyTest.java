package dev.patchbay.simulator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatorExtension;
import dev.patchbay.simulator.support.SshTestClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One simulated device serves hundreds of simultaneous SSH sessions without a thread each. */
class SshConcurrencyTest {

  private static final int SESSIONS = 500;

  /**
   * Each step of the batch (connect, auth, open, close) may wait this long for the next session:
   * 500 handshakes at once share two vCPUs with the other test JVM.
   */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  static final SimulatorExtension SIM =
      SimulatorExtension.with(DeviceSpec.of("busy", "iosxe", Protocol.SSH));

  @Test
  void fiveHundredConcurrentSessionsEachRunACommand(SimulatedDevice busy) throws Exception {
    int threadsBefore = Thread.activeCount();
    try (SshTestClient client = new SshTestClient()) {
      List<ClientSession> sessions = new ArrayList<>();
      try {
        List<ConnectFuture> connects = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
          connects.add(client.client().connect(busy.username(), busy.host(), busy.port()));
        }
        List<AuthFuture> auths = new ArrayList<>();
        for (ConnectFuture connect : connects) {
          ClientSession session = connect.verify(STEP_TIMEOUT).getClientSession();
          sessions.add(session);
          session.addPasswordIdentity(busy.password());
          auths.add(session.auth());
        }
        for (AuthFuture auth : auths) {
          auth.verify(STEP_TIMEOUT);
        }
        assertThat(sessions).allMatch(ClientSession::isAuthenticated);
        assertThat(Thread.activeCount() - threadsBefore).isLessThan(50);

        List<ChannelExec> channels = new ArrayList<>();
        List<ByteArrayOutputStream> outputs = new ArrayList<>();
        List<OpenFuture> opens = new ArrayList<>();
        for (ClientSession session : sessions) {
          ChannelExec channel = session.createExecChannel("show ip interface brief");
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          channel.setOut(out);
          channels.add(channel);
          outputs.add(out);
          opens.add(channel.open());
        }
        for (OpenFuture open : opens) {
          open.verify(STEP_TIMEOUT);
        }
        for (ChannelExec channel : channels) {
          channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), STEP_TIMEOUT);
          assertThat(channel.getExitStatus()).isZero();
        }
        assertThat(outputs)
            .allSatisfy(
                out ->
                    assertThat(out.toString(StandardCharsets.UTF_8))
                        .contains("Loopback0              10.255.0.1"));
      } finally {
        for (ClientSession session : sessions) {
          session.close(true);
        }
      }
    }
  }
}
