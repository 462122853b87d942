package dev.patchbay.simulator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.simulator.DeviceCredentials;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatedLab;
import dev.patchbay.simulator.SimulatorExtension;
import dev.patchbay.simulator.support.SshTestClient;
import dev.patchbay.simulator.support.TerminalOutput;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SSH server against the Apache MINA SSHD client. */
class SshServerTest {

  private static final KeyPair AUTHORIZED = generateKey();

  @RegisterExtension
  static final SimulatorExtension SIM =
      SimulatorExtension.with(
          DeviceSpec.of("r1", "iosxe", Protocol.SSH)
              .withCredentials(
                  DeviceCredentials.of("admin", "admin")
                      .withEnableSecret("cisco")
                      .withAuthorizedKey(AUTHORIZED.getPublic())));

  private static final SshTestClient CLIENT = new SshTestClient();

  @AfterAll
  static void stopClient() {
    CLIENT.close();
  }

  @Test
  void passwordLoginAndExecReturnOutputAndExitStatus(SimulatedDevice r1) throws Exception {
    try (ClientSession session = CLIENT.login(r1)) {
      SshTestClient.ExecResult version = SshTestClient.exec(session, "show version");
      assertThat(version.output()).startsWith("Cisco IOS XE Software").contains("r1 uptime is");
      assertThat(version.exitStatus()).isZero();
      SshTestClient.ExecResult invalid = SshTestClient.exec(session, "show bogus");
      assertThat(invalid.output()).contains("% Invalid input detected at '^' marker.");
      assertThat(invalid.exitStatus()).isEqualTo(1);
    }
  }

  @Test
  void wrongPasswordIsRejected(SimulatedDevice r1) throws Exception {
    try (ClientSession session = CLIENT.connect(r1)) {
      session.addPasswordIdentity("not-the-password");
      assertThatThrownBy(() -> session.auth().verify(SshTestClient.TIMEOUT))
          .isInstanceOf(SshException.class);
    }
  }

  @Test
  void authorizedPublicKeyLogsIn(SimulatedDevice r1) throws Exception {
    try (ClientSession session = CLIENT.connect(r1)) {
      session.addPublicKeyIdentity(AUTHORIZED);
      session.auth().verify(SshTestClient.TIMEOUT);
      assertThat(SshTestClient.exec(session, "show clock").output()).contains("UTC");
    }
    try (ClientSession session = CLIENT.connect(r1)) {
      session.addPublicKeyIdentity(generateKey());
      assertThatThrownBy(() -> session.auth().verify(SshTestClient.TIMEOUT))
          .isInstanceOf(SshException.class);
    }
  }

  @Test
  void keyboardInteractiveLogsIn(SimulatedDevice r1) throws Exception {
    try (ClientSession session = CLIENT.connect(r1)) {
      session.setUserAuthFactories(List.of(UserAuthKeyboardInteractiveFactory.INSTANCE));
      session.addPasswordIdentity(r1.password());
      session.auth().verify(SshTestClient.TIMEOUT);
      assertThat(session.isAuthenticated()).isTrue();
    }
  }

  @Test
  void shellWithPtyEchoesPagesAndFollowsWindowChanges(SimulatedDevice r1) throws Exception {
    PtyChannelConfiguration pty = new PtyChannelConfiguration();
    pty.setPtyType("xterm");
    pty.setPtyColumns(120);
    pty.setPtyLines(30);
    try (ClientSession session = CLIENT.login(r1);
        ChannelShell shell = session.createShellChannel(pty, Map.of())) {
      TerminalOutput out = new TerminalOutput();
      shell.setOut(out);
      shell.setErr(out);
      shell.open().verify(SshTestClient.TIMEOUT);
      OutputStream in = shell.getInvertedIn();
      assertThat(out.await("r1>", SshTestClient.TIMEOUT)).contains("Patchbay simulated lab");
      type(in, "show terminal\r");
      assertThat(out.await("r1>", SshTestClient.TIMEOUT))
          .startsWith("show terminal\r\n")
          .contains("Type: \"xterm\"")
          .contains("Length: 30 lines, Width: 120 columns");
      shell.sendWindowChange(100, 20);
      type(in, "show terminal\r");
      assertThat(out.await("r1>", SshTestClient.TIMEOUT))
          .contains("Length: 20 lines, Width: 100 columns");
      type(in, "show logging\r");
      assertThat(out.await(" --More-- ", SshTestClient.TIMEOUT)).contains("08:00:16.016");
      type(in, "q");
      out.await("r1>", SshTestClient.TIMEOUT);
      type(in, "enable\r");
      out.await("Password: ", SshTestClient.TIMEOUT);
      type(in, "cisco\r");
      assertThat(out.await("r1#", SshTestClient.TIMEOUT)).doesNotContain("cisco");
      type(in, "exit\r");
      assertThat(session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), SshTestClient.TIMEOUT))
          .contains(ClientSessionEvent.CLOSED);
    }
  }

  @Test
  void hostKeyIsPersistentAndMatchesTheReportedFingerprint(@TempDir Path keys) throws Exception {
    String first;
    try (SimulatedLab lab = new SimulatedLab(keys)) {
      SimulatedDevice device = lab.start(DeviceSpec.of("keyed", "linux", Protocol.SSH));
      first = device.hostKeyFingerprint();
      assertThat(first).startsWith("SHA256:");
      AtomicReference<PublicKey> seen = new AtomicReference<>();
      try (SshTestClient client = new SshTestClient()) {
        client
            .client()
            .setServerKeyVerifier((session, address, key) -> seen.compareAndSet(null, key));
        try (ClientSession session = client.login(device)) {
          assertThat(SshTestClient.exec(session, "hostname").output()).isEqualTo("keyed\r\n");
        }
      }
      assertThat(KeyUtils.getFingerPrint(seen.get())).isEqualTo(first);
    }
    try (SimulatedLab lab = new SimulatedLab(keys)) {
      assertThat(lab.start(DeviceSpec.of("keyed", "linux", Protocol.SSH)).hostKeyFingerprint())
          .isEqualTo(first);
    }
  }

  private static void type(OutputStream in, String keys) throws java.io.IOException {
    in.write(keys.getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static KeyPair generateKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
