package dev.patchbay.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionState;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.connection.ProxyHop;
import dev.patchbay.connection.telnet.TelnetConnection;
import dev.patchbay.hostkey.HostKeyStore;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.io.DeviceUnreachableException;
import dev.patchbay.io.HostKeyMismatchException;
import dev.patchbay.testpeer.OpenSshServer;
import dev.patchbay.testpeer.Telnetd;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proxy hops against real peers on loopback: OpenSSH {@code sshd} jump hosts (TCP forwarding on,
 * the OpenSSH default), a second {@code sshd} and inetutils {@code telnetd} as devices behind them,
 * a chain of two jump hosts, and a command hop that types {@code telnet 127.0.0.1 PORT} into the
 * jump host's shell (Debian's inetutils-telnet client). Each hop's host key is pinned to its own
 * definition.
 */
@DataJpaTest
@Import(HostKeyStore.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Timeout(60)
class ProxyHopOpenSshTest {

  private static final OsProfile LINUX = OsProfile.forOs("linux");

  private static OpenSshServer jump1;
  private static OpenSshServer jump2;
  private static OpenSshServer target;
  private static Telnetd telnetd;

  private final SshClientHolder clients = new SshClientHolder();

  @Autowired HostKeyStore hostKeys;
  @Autowired DeviceRepository devices;

  @BeforeAll
  static void startPeers() throws Exception {
    jump1 = new OpenSshServer();
    jump2 = new OpenSshServer();
    target = new OpenSshServer();
    jump1.start("a");
    jump2.start("a");
    target.start("a");
    telnetd = Telnetd.start();
  }

  @AfterAll
  static void stopPeers() throws Exception {
    telnetd.close();
    target.close();
    jump2.close();
    jump1.close();
  }

  @AfterEach
  void stopClient() {
    clients.destroy();
  }

  /** Settings of an ssh connection to {@code sshd}, stored as its own definition (host key pin). */
  private ConnectionSettings ssh(OpenSshServer sshd, List<ProxyHop> proxy) throws Exception {
    return settings(definition("ssh"), "127.0.0.1", sshd.port(), sshd.clientKey(), proxy);
  }

  private ConnectionSettings telnet(List<ProxyHop> proxy) {
    return settings(definition("telnet"), "127.0.0.1", telnetd.port(), null, proxy);
  }

  private ConnectionSettings.Definition definition(String protocol) {
    Device device = new Device("peer-" + UUID.randomUUID());
    device.setOs("linux");
    ConnectionDefinition cli = new ConnectionDefinition("cli");
    cli.setProtocol(protocol);
    cli.setHost("127.0.0.1");
    device.addConnection(cli);
    Device saved = devices.saveAndFlush(device);
    return new ConnectionSettings.Definition(
        saved.connection("cli").orElseThrow().getId(), saved.getName(), "cli");
  }

  private static ConnectionSettings settings(
      ConnectionSettings.Definition definition,
      String host,
      int port,
      String key,
      List<ProxyHop> proxy) {
    return new ConnectionSettings(
        definition,
        definition.device() + "/cli",
        host,
        port,
        null,
        new LoginCredentials(key == null ? null : "root", null, key, null),
        LINUX,
        LINUX.initExecCommands(),
        LINUX.initConfigCommands(),
        new ConnectionSettings.Timeouts(
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10)),
        200,
        50,
        DriverOptions.DEFAULT,
        proxy);
  }

  private static void assertExecutes(BaseConnection connection) {
    connection.open();
    assertThat(connection.execute(ExecuteRequest.of("echo hop-$((40+2))")).output())
        .isEqualTo("hop-42");
  }

  @Test
  void telnetDeviceBehindAJumpHost() throws Exception {
    ConnectionSettings jump = ssh(jump1, null);
    try (TelnetConnection connection =
        new TelnetConnection(telnet(List.of(ProxyHop.jump(jump))), clients, hostKeys)) {
      assertExecutes(connection);
    }
    assertThat(hostKeys.pinned(jump.definition().id())).isPresent();
  }

  @Test
  void sshDeviceBehindAJumpHostPinsBothHostKeys() throws Exception {
    ConnectionSettings jump = ssh(jump1, null);
    ConnectionSettings device = ssh(target, List.of(ProxyHop.jump(jump)));
    try (SshConnection connection = new SshConnection(device, clients, hostKeys)) {
      assertExecutes(connection);
      assertThat(connection.execute(ExecuteRequest.of("echo $SSH_CONNECTION")).output())
          .as("the device sees the jump host's forwarded connection")
          .startsWith("127.0.0.1 ");
    }
    assertThat(hostKeys.pinned(jump.definition().id())).isPresent();
    assertThat(hostKeys.pinned(device.definition().id())).isPresent();
  }

  @Test
  void chainOfTwoJumpHosts() throws Exception {
    List<ProxyHop> chain =
        List.of(ProxyHop.jump(ssh(jump1, null)), ProxyHop.jump(ssh(jump2, null)));
    try (TelnetConnection connection = new TelnetConnection(telnet(chain), clients, hostKeys)) {
      assertExecutes(connection);
    }
    try (SshConnection connection = new SshConnection(ssh(target, chain), clients, hostKeys)) {
      assertExecutes(connection);
    }
  }

  @Test
  void commandHopRunsTelnetInTheJumpHostsShell() throws Exception {
    ProxyHop hop = new ProxyHop(ssh(jump1, null), "telnet 127.0.0.1 " + telnetd.port());
    try (SshCommandHopConnection connection =
        new SshCommandHopConnection(telnet(List.of(hop)), clients, hostKeys)) {
      assertExecutes(connection);
      assertThat(connection.terminal().isEnded()).isFalse();
    }
  }

  @Test
  void commandHopAfterAJumpHost() throws Exception {
    List<ProxyHop> chain =
        List.of(
            ProxyHop.jump(ssh(jump1, null)),
            new ProxyHop(ssh(jump2, null), "telnet 127.0.0.1 " + telnetd.port()));
    try (SshCommandHopConnection connection =
        new SshCommandHopConnection(telnet(chain), clients, hostKeys)) {
      assertExecutes(connection);
    }
  }

  @Test
  void aHopsChangedHostKeyIsRefusedLikeAnyConnections() throws Exception {
    ConnectionSettings jump = ssh(jump2, null);
    try (TelnetConnection first =
        new TelnetConnection(telnet(List.of(ProxyHop.jump(jump))), clients, hostKeys)) {
      first.open();
    }
    try {
      jump2.start("b");
      TelnetConnection second =
          new TelnetConnection(telnet(List.of(ProxyHop.jump(jump))), clients, hostKeys);
      assertThatThrownBy(second::open)
          .isInstanceOfSatisfying(
              HostKeyMismatchException.class,
              e -> assertThat(e.getMessage()).contains(jump.definition().device()));
      assertThat(second.state()).isEqualTo(ConnectionState.FAILED);
    } finally {
      jump2.start("a");
    }
  }

  @Test
  void aJumpHostThatCannotReachTheDeviceIsUnreachable() throws Exception {
    ConnectionSettings unreachable =
        settings(
            definition("telnet"), "127.0.0.1", 1, null, List.of(ProxyHop.jump(ssh(jump1, null))));
    TelnetConnection connection = new TelnetConnection(unreachable, clients, hostKeys);
    assertThatThrownBy(connection::open)
        .isInstanceOf(DeviceUnreachableException.class)
        .hasMessageContaining("cannot reach the device through proxy hop")
        .hasMessageContaining("127.0.0.1:1");
    assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);

    ConnectionSettings sshBehind =
        settings(
            definition("ssh"),
            "127.0.0.1",
            1,
            jump1.clientKey(),
            List.of(ProxyHop.jump(ssh(jump1, null))));
    SshConnection ssh = new SshConnection(sshBehind, clients, hostKeys);
    assertThatThrownBy(ssh::open)
        .as("not auth-failed: the jump host could not reach the device")
        .isInstanceOf(DeviceUnreachableException.class)
        .hasMessageContaining("127.0.0.1:1");
  }
}
