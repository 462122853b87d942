package dev.patchbay.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionState;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.HostKeyPolicy;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.hostkey.HostKeyStore;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.io.AuthFailedException;
import dev.patchbay.io.HostKeyMismatchException;
import dev.patchbay.testpeer.OpenSshServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SSH driver against a real OpenSSH server on loopback (Linux shell device): key
 * authentication, execute, and host keys pinned on first use per connection definition in the JPA
 * store (H2 + Flyway).
 */
@DataJpaTest
@Import(HostKeyStore.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Timeout(60)
class SshOpenSshTest {

  private static OpenSshServer sshd;
  private final SshClientHolder clients = new SshClientHolder();

  @Autowired HostKeyStore hostKeys;
  @Autowired DeviceRepository devices;
  private ConnectionSettings.Definition definition;

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = new OpenSshServer();
  }

  @AfterAll
  static void stopSshd() throws Exception {
    sshd.close();
  }

  @BeforeEach
  void freshServerAndDefinition() throws Exception {
    sshd.start("a");
    Device device = new Device("linux-" + UUID.randomUUID());
    device.setOs("linux");
    ConnectionDefinition cli = new ConnectionDefinition("cli");
    cli.setProtocol("ssh");
    cli.setHost("127.0.0.1");
    cli.setPort(sshd.port());
    device.addConnection(cli);
    Device saved = devices.saveAndFlush(device);
    definition =
        new ConnectionSettings.Definition(
            saved.connection("cli").orElseThrow().getId(), saved.getName(), "cli");
  }

  @AfterEach
  void stopClient() {
    clients.destroy();
  }

  private SshConnection connection(String privateKey, HostKeyPolicy policy) {
    OsProfile linux = OsProfile.forOs("linux");
    ConnectionSettings settings =
        new ConnectionSettings(
                definition,
                definition.device() + "/cli",
                "127.0.0.1",
                sshd.port(),
                null,
                new LoginCredentials("root", null, privateKey, null),
                linux,
                linux.initExecCommands(),
                linux.initConfigCommands(),
                ConnectionSettings.Timeouts.DEFAULT,
                200,
                50,
                DriverOptions.DEFAULT,
                null)
            .withTimeouts(
                new ConnectionSettings.Timeouts(
                    Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10)))
            .withOptions(
                policy == null
                    ? DriverOptions.DEFAULT
                    : DriverOptions.DEFAULT.withHostKeyPolicy(policy));
    return new SshConnection(settings, clients, hostKeys);
  }

  @Test
  void keyAuthenticationThenEchoAndUname() throws Exception {
    try (SshConnection connection = connection(sshd.clientKey(), null)) {
      connection.open();
      ExecuteResult echo = connection.execute(ExecuteRequest.of("echo hello-patchbay"));
      assertThat(echo.output()).isEqualTo("hello-patchbay");
      assertThat(echo.state()).isEqualTo(CliState.SHELL);
      assertThat(connection.execute(ExecuteRequest.of("uname -a")).output()).startsWith("Linux ");
      connection.terminal().resize(120, 40);
      assertThat(connection.execute(ExecuteRequest.of("stty size")).output()).isEqualTo("40 120");
    }
  }

  @Test
  void pinsOnFirstUseAndRefusesAnotherKey() throws Exception {
    try (SshConnection first = connection(sshd.clientKey(), null)) {
      first.open();
    }
    String pinned = hostKeys.pinned(definition.id()).orElseThrow().getFingerprint();
    assertThat(pinned).startsWith("SHA256:");

    sshd.start("b");
    SshConnection second = connection(sshd.clientKey(), null);
    assertThatThrownBy(second::open)
        .isInstanceOfSatisfying(
            HostKeyMismatchException.class,
            e -> {
              assertThat(e.properties())
                  .containsEntry("expected", pinned)
                  .containsEntry("connection", definition.device() + "/cli");
              assertThat(e.properties().get("presented")).asString().startsWith("SHA256:");
              assertThat(e.getMessage())
                  .contains(definition.device() + "/cli", pinned)
                  .contains("/api/v1/devices/" + definition.device() + "/connections/cli/host-key");
            });
    assertThat(second.state()).isEqualTo(ConnectionState.FAILED);
    assertThat(hostKeys.pinned(definition.id()).orElseThrow().getFingerprint()).isEqualTo(pinned);

    try (SshConnection insecure = connection(sshd.clientKey(), HostKeyPolicy.INSECURE)) {
      insecure.open();
      assertThat(insecure.isConnected()).isTrue();
    }
  }

  @Test
  void strictPolicyRefusesAnUnpinnedKey() throws Exception {
    SshConnection strict = connection(sshd.clientKey(), HostKeyPolicy.STRICT);
    assertThatThrownBy(strict::open).isInstanceOf(HostKeyMismatchException.class);
    assertThat(hostKeys.pinned(definition.id())).isEmpty();
  }

  @Test
  void unknownKeyIsAuthFailed() throws Exception {
    SshConnection connection = connection(null, HostKeyPolicy.INSECURE);
    assertThatThrownBy(connection::open).isInstanceOf(AuthFailedException.class);
    assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
  }
}
