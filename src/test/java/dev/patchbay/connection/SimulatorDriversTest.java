package dev.patchbay.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.DialogStatement;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ssh.SshClientHolder;
import dev.patchbay.connection.ssh.SshConnection;
import dev.patchbay.connection.telnet.TelnetConnection;
import dev.patchbay.hostkey.HostKeyStore;
import dev.patchbay.io.AuthFailedException;
import dev.patchbay.io.CommandErrorException;
import dev.patchbay.io.ConnectionClosedException;
import dev.patchbay.io.OperationTimeoutException;
import dev.patchbay.io.PromptNotFoundException;
import dev.patchbay.io.Terminal;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatedLab;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every network driver against the built-in simulator's iosxe, nxos and linux profiles: login,
 * prompt learning, execute, configure with the failing line, dialogs, paging, error patterns,
 * timeouts, disconnects and a 10 MB output with bounded buffers.
 */
@DataJpaTest
@Import(HostKeyStore.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Timeout(120)
class SimulatorDriversTest {

  private static SimulatedLab lab;
  private static final SshClientHolder clients = new SshClientHolder();

  @Autowired HostKeyStore hostKeys;

  @BeforeAll
  static void startLab() throws Exception {
    lab = new SimulatedLab(Files.createTempDirectory("patchbay-sim-keys"));
    lab.start(DeviceSpec.of("ssh", "iosxe", Protocol.SSH).withHostname("r1"));
    lab.start(DeviceSpec.of("telnet", "iosxe", Protocol.TELNET).withHostname("r1"));
    lab.start(DeviceSpec.of("nxos", "nxos", Protocol.SSH).withHostname("sw1"));
    lab.start(DeviceSpec.of("linux", "linux", Protocol.SSH).withHostname("lx1"));
  }

  @AfterAll
  static void stopLab() {
    clients.destroy();
    lab.close();
  }

  private BaseConnection connection(String name, String os, List<String> init, int rows) {
    SimulatedDevice device = lab.device(name);
    OsProfile profile = OsProfile.forOs(os);
    ConnectionSettings settings =
        new ConnectionSettings(
            null,
            name,
            device.host(),
            device.port(),
            null,
            new LoginCredentials(
                device.username(),
                device.credentials().password(),
                null,
                device.credentials().enableSecret()),
            profile,
            init == null ? profile.initExecCommands() : init,
            List.of(),
            new ConnectionSettings.Timeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(15)),
            200,
            rows,
            DriverOptions.DEFAULT,
            null);
    return device.protocol() == Protocol.SSH
        ? new SshConnection(settings, clients, hostKeys)
        : new TelnetConnection(settings);
  }

  private BaseConnection open(String name) {
    BaseConnection connection = connection(name, "iosxe", null, 50);
    connection.open();
    return connection;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void logsInLearnsHostnameAndExecutes(String name) {
    try (BaseConnection connection = open(name)) {
      ExecuteResult version = connection.execute(ExecuteRequest.of("show version"));
      assertThat(version.output()).startsWith("Cisco IOS XE Software").contains("r1 uptime is");
      assertThat(version.output()).doesNotContain("show version", "r1>");
      assertThat(version.prompt()).isEqualTo("r1#");
      assertThat(version.state()).isEqualTo(CliState.ENABLE);
      assertThat(connection.execute(ExecuteRequest.of("show terminal")).output())
          .contains("Length: 0 lines");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void configureReportsTheFailingLineAndReturnsToEnable(String name) {
    try (BaseConnection connection = open(name)) {
      assertThat(
              connection
                  .configure(ConfigureRequest.of("interface GigabitEthernet2", "description up"))
                  .lines())
          .isEqualTo(2);
      assertThatThrownBy(
              () ->
                  connection.configure(
                      ConfigureRequest.of(
                          "interface Loopback1", "exit", "bogus line", "never sent")))
          .isInstanceOfSatisfying(
              CommandErrorException.class,
              e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.output()).contains("%");
              });
      ExecuteResult after = connection.execute(ExecuteRequest.of("show running-config"));
      assertThat(after.state()).isEqualTo(CliState.ENABLE);
      assertThat(after.output()).contains("description up");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void answersCopyAndReloadDialogs(String name) {
    try (BaseConnection connection = open(name)) {
      connection.configure(ConfigureRequest.of("hostname r1"));
      ExecuteResult copy =
          connection.execute(
              ExecuteRequest.of("copy running-config startup-config")
                  .withDialogs(
                      List.of(DialogStatement.of("Destination filename \\[.*\\]\\?", ""))));
      assertThat(copy.output()).contains("[OK]");
      assertThatThrownBy(
              () ->
                  connection.execute(
                      ExecuteRequest.of("reload")
                          .withDialogs(List.of(DialogStatement.of("\\[confirm\\]", "")))))
          .isInstanceOfSatisfying(
              ConnectionClosedException.class,
              e -> assertThat(e.output()).contains("SYS-5-RELOAD"));
      assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void pagesThroughMoreWithoutArtefacts(String name) {
    String unpaged;
    try (BaseConnection connection = open(name)) {
      unpaged = connection.execute(ExecuteRequest.of("show logging")).output();
    }
    try (BaseConnection connection = connection(name, "iosxe", List.of(), 10)) {
      connection.open();
      String paged = connection.execute(ExecuteRequest.of("show logging")).output();
      assertThat(paged).isEqualTo(unpaged).doesNotContain("More", "\b");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void resizeReachesTheDevice(String name) {
    try (BaseConnection connection = connection(name, "iosxe", List.of(), 50)) {
      connection.open();
      connection.terminal().resize(132, 30);
      assertThat(connection.execute(ExecuteRequest.of("show terminal")).output())
          .contains("Length: 30 lines, Width: 132 columns");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void errorPatternsAreCommandErrors(String name) {
    try (BaseConnection connection = open(name)) {
      assertThatThrownBy(() -> connection.execute(ExecuteRequest.of("show bogus")))
          .isInstanceOfSatisfying(
              CommandErrorException.class, e -> assertThat(e.output()).contains("% Invalid input"));
      assertThat(connection.isConnected()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void slowCommandTimesOutAndTheConnectionResyncs(String name) {
    try (BaseConnection connection = open(name)) {
      assertThatThrownBy(
              () ->
                  connection.execute(
                      ExecuteRequest.of("show slow").withTimeout(Duration.ofMillis(300))))
          .isInstanceOf(OperationTimeoutException.class);
      assertThat(connection.isConnected()).isTrue();
      assertThat(connection.execute(ExecuteRequest.of("show clock")).output()).contains("UTC");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void hangingDeviceEndsFailedNotHalfOpen(String name) {
    try (BaseConnection connection = open(name)) {
      assertThatThrownBy(
              () ->
                  connection.execute(
                      ExecuteRequest.of("show freeze").withTimeout(Duration.ofMillis(300))))
          .isInstanceOf(OperationTimeoutException.class);
      // recovery runs in the background; the next call waits for it
      assertThatThrownBy(() -> connection.execute(ExecuteRequest.of("show clock")))
          .isInstanceOf(ConnectionClosedException.class);
      assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
      assertThat(connection.failure()).containsInstanceOf(PromptNotFoundException.class);
      assertThat(connection.terminal().isEnded()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void disconnectMidCommandFailsWithCause(String name) {
    try (BaseConnection connection = open(name)) {
      assertThatThrownBy(() -> connection.execute(ExecuteRequest.of("show crash")))
          .isInstanceOf(ConnectionClosedException.class);
      assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
      assertThat(connection.failure().orElseThrow().output()).contains("Building a long answer");
    }
  }

  /** SSH only: Commons Net parses telnet byte by byte (~0.4 MB/s), see TelnetConnectionTest. */
  @Test
  void tenMegabytesWithBoundedBuffers() {
    String name = "ssh";
    try (BaseConnection connection = open(name)) {
      Terminal.Subscription idleViewer = connection.terminal().subscribe(64 * 1024);
      long before = retainedHeap();
      ExecuteResult huge =
          connection.execute(
              ExecuteRequest.of("show tech-support").withTimeout(Duration.ofSeconds(60)));
      long after = retainedHeap();
      int length = huge.output().length();
      assertThat(length).isGreaterThanOrEqualTo(10_000_000);
      assertThat(huge.skippedBytes()).isZero();
      assertThat(idleViewer.buffered()).isLessThanOrEqualTo(64 * 1024);
      assertThat(idleViewer.takeSkipped()).isGreaterThan(10_000_000L - 64 * 1024);
      long retained = after - before;
      System.out.printf(
          "%s: %d chars of output, retained heap %d KiB (result string included)%n",
          name, length, retained / 1024);
      assertThat(retained).isLessThan(3L * length);
      assertThat(connection.execute(ExecuteRequest.of("show clock")).output()).contains("UTC");
    }
  }

  @Test
  void wrongPasswordIsAuthFailedOnTelnet() {
    SimulatedDevice device = lab.device("telnet");
    ConnectionSettings settings =
        ConnectionSettings.network(
            "telnet",
            device.host(),
            device.port(),
            new LoginCredentials("admin", "wrong", null, null),
            OsProfile.forOs("iosxe"));
    TelnetConnection connection = new TelnetConnection(settings);
    assertThatThrownBy(connection::open).isInstanceOf(AuthFailedException.class);
    assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
  }

  @Test
  void nxosAndLinuxProfiles() {
    try (BaseConnection nxos = connection("nxos", "nxos", null, 50)) {
      nxos.open();
      ExecuteResult version = nxos.execute(ExecuteRequest.of("show version"));
      assertThat(version.output()).containsIgnoringCase("nx-os");
      assertThat(version.prompt()).startsWith("sw1");
    }
    try (BaseConnection linux = connection("linux", "linux", null, 50)) {
      linux.open();
      ExecuteResult uname = linux.execute(ExecuteRequest.of("uname -a"));
      assertThat(uname.output()).startsWith("Linux");
      assertThat(uname.state()).isEqualTo(CliState.SHELL);
      assertThatThrownBy(() -> linux.execute(ExecuteRequest.of("frobnicate")))
          .isInstanceOf(CommandErrorException.class);
    }
  }

  private static long retainedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
