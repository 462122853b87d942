package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionState;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.connection.command.CommandConnection;
import dev.patchbay.connection.serial.SerialConnection;
import dev.patchbay.connection.ssh.SshClientHolder;
import dev.patchbay.connection.ssh.SshCommandHopConnection;
import dev.patchbay.connection.ssh.SshConnection;
import dev.patchbay.connection.telnet.TelnetConnection;
import dev.patchbay.hostkey.HostKeyStore;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.StoredSecret;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.security.secrets.CredentialCipher;
import dev.patchbay.security.secrets.MasterKey;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatedLab;
import dev.patchbay.testpeer.OpenSshServer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.hibernate.Hibernate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The factory on real inventory entities (H2 + Flyway): credential resolution order, refusals, init
 * command defaults, and an SSH device reached through a jump host (OpenSSH on loopback).
 */
@DataJpaTest
@Import({
  ConnectionFactory.class,
  ConnectionSettingsReader.class,
  SecretSealer.class,
  SshClientHolder.class,
  HostKeyStore.class,
  ConnectionFactoryTest.Cipher.class
})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Timeout(60)
class ConnectionFactoryTest {

  @TestConfiguration
  static class Cipher {
    @Bean
    CredentialCipher credentialCipher() throws Exception {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      SecretKey key = generator.generateKey();
      return new CredentialCipher(MasterKey.of(key.getEncoded()));
    }
  }

  private static SimulatedLab lab;

  @Autowired ConnectionFactory factory;
  @Autowired SecretSealer sealer;
  @Autowired DeviceRepository devices;
  @Autowired ConnectionSettingsReader reader;
  @Autowired SshClientHolder sshClients;
  @Autowired HostKeyStore hostKeys;
  @Autowired PlatformTransactionManager transactions;

  @BeforeAll
  static void startLab() throws Exception {
    lab = new SimulatedLab(Files.createTempDirectory("patchbay-factory-keys"));
    lab.start(DeviceSpec.of("r1-telnet", "iosxe", Protocol.TELNET).withHostname("r1"));
    lab.start(DeviceSpec.of("r1-ssh", "iosxe", Protocol.SSH).withHostname("r1"));
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  private Credential credential(String name, String username, String password) {
    Credential credential = new Credential(name);
    credential.setUsername(username);
    credential.setPassword(password == null ? null : sealer.seal(password));
    return credential;
  }

  private static ConnectionDefinition definition(
      Device device, String name, String protocol, String host, Integer port) {
    ConnectionDefinition definition = new ConnectionDefinition(name);
    definition.setProtocol(protocol);
    definition.setHost(host);
    definition.setPort(port);
    device.addConnection(definition);
    return definition;
  }

  @Test
  void resolvesCredentialsFromConnectionThenDeviceThenTestbed() {
    Testbed testbed = new Testbed("lab");
    testbed.getCredentials().add(credential("default", "tb-user", "tb-pass"));
    testbed.getCredentials().add(credential("enable", null, "tb-enable"));
    Device device = new Device("r1");
    device.setOs("iosxe");
    device.setTestbed(testbed);
    device.getCredentials().add(credential("default", "dev-user", "dev-pass"));
    ConnectionDefinition cli = definition(device, "cli", "ssh", "192.0.2.1", null);
    cli.getCredentials().add(credential("ssh", "ssh-user", "ssh-pass"));
    ConnectionDefinition vty = definition(device, "vty", "telnet", "192.0.2.1", null);
    vty.setPrompts(Map.of("exec", "^lab-r1>\\s*$", "username", "(?i)user id:\\s*$"));

    BaseConnection ssh = factory.create(cli);
    assertThat(ssh).isInstanceOf(SshConnection.class);
    assertThat(ssh.settings().port()).isEqualTo(22);
    assertThat(ssh.settings().credentials())
        .isEqualTo(new LoginCredentials("ssh-user", "ssh-pass", null, "tb-enable"));
    assertThat(ssh.settings().initExecCommands())
        .containsExactly("terminal length 0", "terminal width 0");

    BaseConnection telnet = factory.create(vty);
    assertThat(telnet).isInstanceOf(TelnetConnection.class);
    assertThat(telnet.settings().port()).isEqualTo(23);
    assertThat(telnet.settings().credentials())
        .isEqualTo(new LoginCredentials("dev-user", "dev-pass", null, "tb-enable"));
    assertThat(telnet.settings().profile().prompts().get(CliState.EXEC)).isEqualTo("^lab-r1>\\s*$");
    assertThat(telnet.settings().profile().login().username()).isEqualTo("(?i)user id:\\s*$");
    assertThat(ssh.state()).isEqualTo(ConnectionState.NEW);
  }

  @Test
  void theOpeningReadLoadsEveryListOnceAndInOrderWithItsJoins() {
    Device device = new Device("fetched");
    device.setOs("iosxe");
    device.getCredentials().add(credential("default", "dev-user", "dev-pass"));
    device.getCredentials().add(credential("enable", null, "dev-enable"));
    device.getCredentials().add(credential("extra", "x", "x"));
    ConnectionDefinition a = definition(device, "a", "ssh", "192.0.2.1", null);
    a.getCredentials().add(credential("ssh", "a-ssh", "a-ssh-pass"));
    a.getCredentials().add(credential("default", "a-user", "a-pass"));
    ConnectionDefinition b = definition(device, "b", "telnet", "192.0.2.2", null);
    b.getCredentials().add(credential("default", "b-user", "b-pass"));
    b.getCredentials().add(credential("spare", "s", "s"));
    devices.saveAndFlush(device);

    TransactionTemplate readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
    readOnly.executeWithoutResult(
        status -> {
          Device loaded = devices.findForConnectingByName("fetched").orElseThrow();
          assertThat(Hibernate.isInitialized(loaded.getConnections())).isTrue();
          assertThat(Hibernate.isInitialized(loaded.getCredentials())).isTrue();
          assertThat(loaded.getConnections())
              .extracting(ConnectionDefinition::getName)
              .containsExactly("a", "b");
          assertThat(loaded.getCredentials())
              .extracting(Credential::getName)
              .containsExactly("default", "enable", "extra");
          assertThat(loaded.getConnections().get(0).getCredentials())
              .extracting(Credential::getName)
              .containsExactly("ssh", "default");
          assertThat(loaded.getConnections().get(1).getCredentials())
              .extracting(Credential::getName)
              .containsExactly("default", "spare");
          assertThat(factory.create(loaded.connection("a").orElseThrow()).settings().credentials())
              .isEqualTo(new LoginCredentials("a-ssh", "a-ssh-pass", null, "dev-enable"));
          assertThat(factory.create(loaded.connection("b").orElseThrow()).settings().credentials())
              .isEqualTo(new LoginCredentials("b-user", "b-pass", null, "dev-enable"));
        });
  }

  @Test
  void serialDefinitionsGetLineDefaultsAndEnableFallsBackToTheDefaultPassword() {
    Device device = new Device("console-dev");
    device.getCredentials().add(credential("default", "admin", "pw"));
    ConnectionDefinition console = definition(device, "console", "serial", null, null);
    console.getSerial().setDevice("/dev/ttyUSB0");
    console.setInitExecCommands(List.of());
    BaseConnection connection = factory.create(console);
    assertThat(connection).isInstanceOf(SerialConnection.class);
    assertThat(connection.settings().serial())
        .isEqualTo(
            new ConnectionSettings.SerialSettings("/dev/ttyUSB0", 9600, 8, "none", "1", "none"));
    assertThat(connection.settings().credentials().enablePassword()).isEqualTo("pw");
    assertThat(connection.settings().initExecCommands()).isEmpty();
    assertThat(connection.settings().profile().name()).isEqualTo("generic");
  }

  @Test
  void refusesWhatNoDriverCanOpen() {
    Device device = new Device("odd");
    ConnectionDefinition https = definition(device, "rest", "https", "192.0.2.1", 443);
    ConnectionDefinition spawn = definition(device, "mock", "unknown", null, null);
    spawn.setCommand("mock_device_cli --os iosxe");
    ConnectionDefinition hostless = definition(device, "a", "ssh", null, null);
    ConnectionDefinition asked = definition(device, "b", "telnet", "192.0.2.1", null);
    Credential ask = new Credential("default");
    ask.setPassword(StoredSecret.ask("Password for odd"));
    asked.getCredentials().add(ask);

    for (ConnectionDefinition definition : List.of(https, spawn, hostless, asked)) {
      assertThatThrownBy(() -> factory.create(definition))
          .isInstanceOfSatisfying(
              PatchbayException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION));
    }
    assertThatThrownBy(() -> factory.create(https)).hasMessageContaining("protocol 'https'");
    assertThatThrownBy(() -> factory.create(spawn)).hasMessageContaining("local command");
  }

  @Test
  void opensATelnetDeviceWithTheProfileDefaults() {
    SimulatedDevice sim = lab.device("r1-telnet");
    Device device = new Device("r1-via-factory");
    device.setOs("iosxe");
    device.getCredentials().add(credential("default", "admin", "admin"));
    try (BaseConnection connection =
        factory.create(definition(device, "vty", "telnet", sim.host(), sim.port()))) {
      connection.open();
      assertThat(connection.execute(ExecuteRequest.of("show terminal")).output())
          .contains("Length: 0 lines");
    }
  }

  @Test
  void reachesAnSshDeviceThroughAJumpHost() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer()) {
      sshd.start("a");
      Device jump = new Device("jump-host");
      jump.setOs("linux");
      Credential key = new Credential("default");
      key.setUsername("root");
      key.setPrivateKey(sealer.seal(sshd.clientKey()));
      jump.getCredentials().add(key);
      definition(jump, "cli", "ssh", "127.0.0.1", sshd.port());
      devices.saveAndFlush(jump);

      SimulatedDevice sim = lab.device("r1-ssh");
      Device target = new Device("r1-behind-jump");
      target.setOs("iosxe");
      target.getCredentials().add(credential("default", "admin", "admin"));
      ConnectionDefinition cli = definition(target, "cli", "ssh", sim.host(), sim.port());
      cli.setProxy("jump-host");
      cli.setSettings(Map.of("host_key_policy", "insecure"));
      try (BaseConnection connection = factory.create(cli)) {
        assertThat(connection.settings().proxy().getFirst().settings().name())
            .isEqualTo("jump-host/cli");
        connection.open();
        assertThat(connection.execute(ExecuteRequest.of("show version")).output())
            .startsWith("Cisco IOS XE Software");
      }
    }
  }

  /** A stored jump host device {@code name} on {@code sshd}, logged in to as root by key. */
  private void jumpHost(String name, OpenSshServer sshd) throws Exception {
    jumpHost(name, sshd, "root");
  }

  private void jumpHost(String name, OpenSshServer sshd, String user) throws Exception {
    Device jump = new Device(name);
    jump.setOs("linux");
    Credential key = new Credential("default");
    key.setUsername(user);
    key.setPrivateKey(sealer.seal(sshd.clientKey()));
    jump.getCredentials().add(key);
    definition(jump, "cli", "ssh", "127.0.0.1", sshd.port());
    devices.saveAndFlush(jump);
  }

  @Test
  void reachesATelnetDeviceThroughAJumpHostAndThroughACommandHop() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer()) {
      sshd.start("a");
      jumpHost("telnet-jump", sshd);
      SimulatedDevice sim = lab.device("r1-telnet");
      Device target = new Device("r1-telnet-behind-jump");
      target.setOs("iosxe");
      target.getCredentials().add(credential("default", "admin", "admin"));
      ConnectionDefinition forwarded = definition(target, "vty", "telnet", sim.host(), sim.port());
      forwarded.setProxy(List.of("telnet-jump"));
      ConnectionDefinition console = definition(target, "console", "telnet", "10.9.9.9", 2001);
      console.setProxy(
          Map.of("device", "telnet-jump", "command", "telnet " + sim.host() + " " + sim.port()));

      try (BaseConnection connection = factory.create(forwarded)) {
        assertThat(connection).isInstanceOf(TelnetConnection.class);
        connection.open();
        assertThat(connection.execute(ExecuteRequest.of("show version")).output())
            .startsWith("Cisco IOS XE Software");
      }
      try (BaseConnection connection = factory.create(console)) {
        assertThat(connection).isInstanceOf(SshCommandHopConnection.class);
        assertThat(connection.settings().proxy())
            .singleElement()
            .satisfies(hop -> assertThat(hop.command()).startsWith("telnet "));
        connection.open();
        assertThat(connection.execute(ExecuteRequest.of("show version")).output())
            .startsWith("Cisco IOS XE Software");
      }
    }
  }

  @Test
  void proxyJumpReachesAnSshDeviceThroughInventoryJumpHosts() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer()) {
      sshd.start("a");
      jumpHost("pj-first", sshd);
      SimulatedDevice sim = lab.device("r1-ssh");
      Device target = new Device("r1-behind-proxyjump");
      target.setOs("iosxe");
      target.getCredentials().add(credential("default", "admin", "admin"));
      ConnectionDefinition byAddress = definition(target, "a", "ssh", sim.host(), sim.port());
      byAddress.setSshOptions("-o StrictHostKeyChecking=no -o ProxyJump=127.0.0.1:" + sshd.port());
      ConnectionDefinition chain = definition(target, "b", "ssh", sim.host(), sim.port());
      chain.setSshOptions("-o StrictHostKeyChecking=no -o ProxyJump=pj-first,root@pj-second");

      try (BaseConnection connection = factory.create(byAddress)) {
        assertThat(connection.settings().proxy())
            .singleElement()
            .satisfies(hop -> assertThat(hop.settings().name()).isEqualTo("pj-first/cli"));
        connection.open();
        assertThat(connection.execute(ExecuteRequest.of("show version")).output())
            .startsWith("Cisco IOS XE Software");
      }
      jumpHost("pj-second", sshd, "not-a-user");
      assertThatThrownBy(() -> factory.create(byAddress))
          .hasMessageContaining("several devices reach (pj-first, pj-second)");
      try (BaseConnection connection = factory.create(chain)) {
        assertThat(connection.settings().proxy())
            .extracting(hop -> hop.settings().credentials().username())
            .as("user@ replaces the hop's login name")
            .containsExactly("root", "root");
        connection.open();
        assertThat(connection.execute(ExecuteRequest.of("show version")).output())
            .startsWith("Cisco IOS XE Software");
      }
      ConnectionDefinition nowhere = definition(target, "c", "ssh", sim.host(), sim.port());
      nowhere.setSshOptions("-o ProxyJump=bastion.example.com");
      assertThatThrownBy(() -> factory.create(nowhere))
          .isInstanceOfSatisfying(
              PatchbayException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION))
          .hasMessageContaining("bastion.example.com");
    }
  }

  @Test
  void refusesAtOpenProxiesThatCannotBeUsed() {
    Device a = new Device("cycle-a");
    Device b = new Device("cycle-b");
    definition(a, "cli", "ssh", "192.0.2.1", null).setProxy("cycle-b");
    definition(b, "cli", "ssh", "192.0.2.2", null).setProxy("cycle-a");
    devices.saveAndFlush(a);
    devices.saveAndFlush(b);
    Device target = new Device("proxied");
    ConnectionDefinition cycle = definition(target, "cycle", "ssh", "192.0.2.3", null);
    cycle.setProxy("cycle-a");
    ConnectionDefinition missing = definition(target, "missing", "telnet", "192.0.2.3", null);
    missing.setProxy(List.of(Map.of("device", "no-such-jump")));
    ConnectionDefinition self = definition(target, "self", "ssh", "192.0.2.3", null);
    self.setProxy("proxied");
    ConnectionDefinition serial = definition(target, "line", "serial", null, null);
    serial.getSerial().setDevice("/dev/ttyUSB0");
    serial.setProxy("cycle-a");

    assertThatThrownBy(() -> factory.create(cycle))
        .hasMessageContaining(
            "'cycle-a' which closes a cycle: proxied → cycle-a → cycle-b → cycle-a");
    assertThatThrownBy(() -> factory.create(missing)).hasMessageContaining("'no-such-jump'");
    assertThatThrownBy(() -> factory.create(self)).hasMessageContaining("cycle: proxied → proxied");
    assertThatThrownBy(() -> factory.create(serial)).hasMessageContaining("serial");
    for (ConnectionDefinition d : List.of(cycle, missing, self, serial)) {
      assertThatThrownBy(() -> factory.create(d))
          .isInstanceOfSatisfying(
              PatchbayException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION));
    }
  }

  @Test
  void commandConnectionsRunOnlyWhenEnabledAndAllowed() {
    Device device = new Device("mock-device");
    device.setOs("linux");
    ConnectionDefinition bash = definition(device, "cli", "unknown", null, null);
    bash.setCommand("bash --norc --noprofile");
    ConnectionDefinition other = definition(device, "other", "unknown", null, null);
    other.setCommand("sh -c 'echo hi'");
    ConnectionDefinition absent = definition(device, "absent", "unknown", null, null);
    absent.setCommand("/no/such/program");

    assertThatThrownBy(() -> factory.create(bash))
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
              assertThat(e.getMessage())
                  .contains("mock-device/cli", "patchbay.command-connections.enabled=false");
            });

    ConnectionFactory enabled =
        new ConnectionFactory(
            reader, sshClients, hostKeys, new CommandConnectionProperties(true, List.of("bash")));
    assertThatThrownBy(() -> enabled.create(other))
        .isInstanceOf(PatchbayException.class)
        .hasMessageContaining("runs 'sh', which is not in patchbay.command-connections");
    assertThatThrownBy(() -> enabled.create(absent))
        .isInstanceOf(PatchbayException.class)
        .hasMessageContaining("no such executable");
    try (BaseConnection connection = enabled.create(bash)) {
      assertThat(connection).isInstanceOf(CommandConnection.class);
      connection.open();
      assertThat(connection.execute(ExecuteRequest.of("echo pty-$((6*7))")).output())
          .isEqualTo("pty-42");
      assertThat(connection.execute(ExecuteRequest.of("tty")).output()).startsWith("/dev/pts/");
    }
  }
}
