package dev.patchbay.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ssh.SshClientHolder;
import dev.patchbay.connection.ssh.SshConnection;
import dev.patchbay.connection.telnet.TelnetConnection;
import dev.patchbay.io.OperationTimeoutException;
import dev.patchbay.io.PromptNotFoundException;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatedLab;
import dev.patchbay.simulator.cli.ProfileLoader;
import dev.patchbay.testpeer.NoKnownHosts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI engine against what real devices do, played by the simulator over SSH and Telnet:
 * privileged on connect, prompts that follow {@code hostname}, timeouts kept to the requested time
 * plus half a second, hung commands interrupted and the session kept, a wedged device marked
 * failed, and banners/MOTDs full of prompt-like text with a very long hostname.
 *
 * <p>Timing bounds: the spec is "answer within timeout + 0.5 s"; the assertions allow that plus
 * {@link #CI_SLACK} for a loaded 2-core CI machine.
 */
@Timeout(120)
class CliSurvivesDevicesTest {

  private static final Duration CI_SLACK = Duration.ofMillis(500);
  private static final Duration SPEC_SLACK = Duration.ofMillis(500);
  private static final String LONG_HOSTNAME =
      "very-long-hostname-of-a-lab-router.in-building-7.rack-12.u42-x";

  private static SimulatedLab lab;
  private static final SshClientHolder clients = new SshClientHolder();

  @BeforeAll
  static void startLab() throws Exception {
    lab = new SimulatedLab(Files.createTempDirectory("patchbay-sim-keys"));
    lab.start(DeviceSpec.of("ssh", "iosxe", Protocol.SSH).withHostname("r1"));
    lab.start(DeviceSpec.of("telnet", "iosxe", Protocol.TELNET).withHostname("r1"));
    lab.start(
        DeviceSpec.of("noisy-ssh", "iosxe", Protocol.SSH)
            .withProfile(noisyProfile())
            .withHostname(LONG_HOSTNAME));
    lab.start(
        DeviceSpec.of("noisy-telnet", "iosxe", Protocol.TELNET)
            .withProfile(noisyProfile())
            .withHostname(LONG_HOSTNAME));
  }

  @AfterAll
  static void stopLab() {
    clients.destroy();
    lab.close();
  }

  private static dev.patchbay.simulator.cli.DeviceProfile noisyProfile() throws IOException {
    try (InputStream in =
        CliSurvivesDevicesTest.class.getResourceAsStream("/simulator/noisy-motd.yaml")) {
      return new ProfileLoader()
          .load(
              "noisy-motd",
              "noisy-motd.yaml",
              new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static BaseConnection connection(String name, DriverOptions options) {
    SimulatedDevice device = lab.device(name);
    OsProfile profile = OsProfile.forOs("iosxe");
    ConnectionSettings settings =
        ConnectionSettings.network(
                name,
                device.host(),
                device.port(),
                new LoginCredentials(
                    device.username(),
                    device.credentials().password(),
                    null,
                    device.credentials().enableSecret()),
                profile)
            .withTimeouts(
                new ConnectionSettings.Timeouts(
                    Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(15)))
            .withOptions(options.withHostKeyPolicy(HostKeyPolicy.INSECURE));
    return device.protocol() == Protocol.SSH
        ? new SshConnection(settings, clients, new NoKnownHosts())
        : new TelnetConnection(settings);
  }

  private static BaseConnection open(String name) {
    BaseConnection connection = connection(name, DriverOptions.DEFAULT);
    connection.open();
    return connection;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void privilegedOnConnectWithInitCommandsRunThere(String name) {
    try (BaseConnection connection = open(name)) {
      ExecuteResult terminal = connection.execute(ExecuteRequest.of("show terminal"));
      assertThat(terminal.prompt()).isEqualTo("r1#");
      assertThat(terminal.state()).isEqualTo(CliState.ENABLE);
      assertThat(terminal.output()).contains("Length: 0 lines, Width: 0 columns");
      assertThat(connection.execute(ExecuteRequest.of("show running-config")).output())
          .contains("hostname r1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void enableOnConnectFalseKeepsUserExec(String name) {
    try (BaseConnection connection =
        connection(name, DriverOptions.DEFAULT.withEnableOnConnect(false))) {
      connection.open();
      ExecuteResult terminal = connection.execute(ExecuteRequest.of("show terminal"));
      assertThat(terminal.prompt()).isEqualTo("r1>");
      assertThat(terminal.state()).isEqualTo(CliState.EXEC);
      assertThat(terminal.output()).contains("Length: 0 lines");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void promptsFollowTheHostname(String name) {
    try (BaseConnection connection = open(name)) {
      Duration timeout = Duration.ofSeconds(3);
      connection.configure(new ConfigureRequest(List.of("hostname r1-renamed"), timeout));
      assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
      ExecuteResult clock = connection.execute(ExecuteRequest.of("show clock"));
      assertThat(clock.prompt()).isEqualTo("r1-renamed#");
      assertThat(clock.output()).contains("UTC");
      // the old name no longer ends a command: an old-name prompt in output is output
      assertThat(connection.execute(ExecuteRequest.of("show version")).output())
          .contains("r1-renamed uptime is");
      connection.configure(
          new ConfigureRequest(
              List.of("interface Loopback7", "description renamed twice", "exit", "hostname r1"),
              timeout));
      ExecuteResult back = connection.execute(ExecuteRequest.of("show running-config"));
      assertThat(back.prompt()).isEqualTo("r1#");
      assertThat(back.output()).contains("description renamed twice");
      // hostname typed by hand, one execute at a time, is followed too
      connection.execute(ExecuteRequest.of("configure terminal"));
      assertThat(connection.execute(ExecuteRequest.of("hostname r9")).prompt())
          .isEqualTo("r9(config)#");
      assertThat(connection.execute(ExecuteRequest.of("end")).prompt()).isEqualTo("r9#");
      connection.configure(ConfigureRequest.of("hostname r1"));
      assertThat(connection.execute(ExecuteRequest.of("show clock")).prompt()).isEqualTo("r1#");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void slowCommandAnswersWithinItsTimeoutAndTheSessionStays(String name) {
    try (BaseConnection connection = open(name)) {
      Duration timeout = Duration.ofSeconds(1);
      long elapsed =
          timeToTimeout(
              () -> connection.execute(ExecuteRequest.of("show slow").withTimeout(timeout)));
      System.out.printf("%s: 1 s timeout on 'show slow' answered after %d ms%n", name, elapsed);
      assertThat(elapsed).isBetween(timeout.toMillis(), bound(timeout));
      ExecuteResult next = connection.execute(ExecuteRequest.of("show clock"));
      assertThat(next.output()).isEqualTo("*10:42:17.123 UTC Wed Nov 25 2026");
      assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void hungCommandIsInterruptedAndTheSessionStaysUsable(String name) {
    try (BaseConnection connection = open(name)) {
      Duration timeout = Duration.ofSeconds(1);
      long elapsed =
          timeToTimeout(
              () -> connection.execute(ExecuteRequest.of("show hang").withTimeout(timeout)));
      System.out.printf("%s: 1 s timeout on 'show hang' answered after %d ms%n", name, elapsed);
      assertThat(elapsed).isBetween(timeout.toMillis(), bound(timeout));
      long started = System.nanoTime();
      ExecuteResult next = connection.execute(ExecuteRequest.of("show clock"));
      System.out.printf(
          "%s: next command after the hang answered after %d ms%n",
          name, (System.nanoTime() - started) / 1_000_000);
      assertThat(next.output()).isEqualTo("*10:42:17.123 UTC Wed Nov 25 2026");
      assertThat(next.prompt()).isEqualTo("r1#");
      assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
      // and again, several times in a row
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(
                () ->
                    connection.execute(
                        ExecuteRequest.of("show hang").withTimeout(Duration.ofMillis(300))))
            .isInstanceOf(OperationTimeoutException.class);
      }
      assertThat(connection.execute(ExecuteRequest.of("show version")).output())
          .startsWith("Cisco IOS XE Software");
      assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void configureKeepsItsTimeoutAndRecovers(String name) {
    try (BaseConnection connection = open(name)) {
      Duration timeout = Duration.ofSeconds(1);
      long elapsed =
          timeToTimeout(
              () ->
                  connection.configure(
                      new ConfigureRequest(List.of("do show hang", "never sent"), timeout)));
      System.out.printf("%s: 1 s configure timeout answered after %d ms%n", name, elapsed);
      assertThat(elapsed).isBetween(timeout.toMillis(), bound(timeout));
      ExecuteResult next = connection.execute(ExecuteRequest.of("end"));
      assertThat(next.prompt()).isEqualTo("r1#");
      assertThat(connection.configure(ConfigureRequest.of("interface Loopback9")).lines())
          .isEqualTo(1);
      assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh", "telnet"})
  void wedgedDeviceAnswersInTimeThenIsMarkedFailedAfterTheRecoveryWindow(String name) {
    try (BaseConnection connection = open(name)) {
      Duration timeout = Duration.ofSeconds(1);
      long elapsed =
          timeToTimeout(
              () -> connection.execute(ExecuteRequest.of("show freeze").withTimeout(timeout)));
      assertThat(elapsed).isBetween(timeout.toMillis(), bound(timeout));
      // the next call waits for the recovery, which gives up after its window (5 s)
      long started = System.nanoTime();
      assertThatThrownBy(() -> connection.execute(ExecuteRequest.of("show clock")))
          .hasMessageContaining("FAILED");
      long waited = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("%s: wedged device marked failed %d ms after the timeout%n", name, waited);
      assertThat(waited).isLessThan(5_000 + 2_000);
      assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
      assertThat(connection.failure()).containsInstanceOf(PromptNotFoundException.class);
      assertThat(connection.terminal().isEnded()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"noisy-ssh", "noisy-telnet"})
  void bannersMotdsAndLongPromptsDoNotConfuseLoginOrExecute(String name) {
    try (BaseConnection connection = open(name)) {
      ExecuteResult clock = connection.execute(ExecuteRequest.of("show clock"));
      assertThat(clock.prompt()).isEqualTo(LONG_HOSTNAME + "#");
      assertThat(clock.output()).isEqualTo("*10:42:17.123 UTC Wed Nov 25 2026");
      assertThat(connection.execute(ExecuteRequest.of("show privilege")).output())
          .isEqualTo("Current privilege level is 15");
      assertThat(connection.execute(ExecuteRequest.of("show banner")).output())
          .isEqualTo("banner text with > and # and $ in it\nfake-prompt>");
    }
    try (BaseConnection connection =
        connection(name, DriverOptions.DEFAULT.withEnableOnConnect(false))) {
      connection.open();
      ExecuteResult clock = connection.execute(ExecuteRequest.of("show clock"));
      assertThat(clock.prompt()).isEqualTo(LONG_HOSTNAME + ">");
      assertThat(clock.output()).isEqualTo("*10:42:17.123 UTC Wed Nov 25 2026");
    }
  }

  @Test
  void timeoutsAreBoundedEvenWhenTheDeviceKeepsTalking() {
    try (BaseConnection connection = open("ssh")) {
      Duration timeout = Duration.ofMillis(200);
      long elapsed =
          timeToTimeout(
              () -> connection.execute(ExecuteRequest.of("show trickle").withTimeout(timeout)));
      assertThat(elapsed).isBetween(timeout.toMillis(), bound(timeout));
      assertThat(connection.execute(ExecuteRequest.of("show clock")).output()).contains("UTC");
    }
  }

  /** The spec's bound (timeout + 0.5 s) plus slack for a loaded CI machine. */
  private static long bound(Duration timeout) {
    return timeout.plus(SPEC_SLACK).plus(CI_SLACK).toMillis();
  }

  private static long timeToTimeout(Runnable call) {
    long started = System.nanoTime();
    assertThatThrownBy(call::run).isInstanceOf(OperationTimeoutException.class);
    return (System.nanoTime() - started) / 1_000_000;
  }
}
