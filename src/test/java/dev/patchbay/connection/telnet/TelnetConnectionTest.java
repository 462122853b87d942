package dev.patchbay.connection.telnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.DialogStatement;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionState;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.io.AuthFailedException;
import dev.patchbay.io.CommandErrorException;
import dev.patchbay.io.ConnectionClosedException;
import dev.patchbay.io.DeviceUnreachableException;
import dev.patchbay.io.OperationTimeoutException;
import dev.patchbay.io.Terminal;
import dev.patchbay.testpeer.TcpPeer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The telnet driver and the expect engine against a loopback IOS-like peer. */
@Timeout(60)
class TelnetConnectionTest {

  private static TcpPeer peer;

  @BeforeAll
  static void start() throws Exception {
    peer = new TcpPeer(true);
  }

  @AfterAll
  static void stop() throws Exception {
    peer.close();
  }

  static ConnectionSettings settings(int port, String password) {
    return ConnectionSettings.network(
            "r1-telnet",
            "127.0.0.1",
            port,
            new LoginCredentials("admin", password, null, "secret2"),
            OsProfile.forOs("iosxe"))
        .withTimeouts(
            new ConnectionSettings.Timeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)));
  }

  private static TelnetConnection open() {
    TelnetConnection connection = new TelnetConnection(settings(peer.port(), "secret"));
    connection.open();
    return connection;
  }

  @Test
  void logsInLearnsThePromptDespiteTheBannerAndExecutes() {
    try (TelnetConnection connection = open()) {
      assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
      ExecuteResult result = connection.execute(ExecuteRequest.of("show version"));
      assertThat(result.output())
          .isEqualTo("Cisco IOS XE Software, Version 17.9.1\nr1 uptime is 1 day");
      // privileged on connect: the connection has an enable credential
      assertThat(result.prompt()).isEqualTo("r1#");
      assertThat(result.state()).isEqualTo(CliState.ENABLE);
      assertThat(result.elapsedMs()).isLessThan(5000);
    }
  }

  @Test
  void explicitPromptAndLoopingDialog() {
    try (TelnetConnection connection = open()) {
      ExecuteResult reload =
          connection.execute(
              ExecuteRequest.of("reload")
                  .withDialogs(
                      List.of(new DialogStatement(Pattern.compile("\\[confirm\\]"), "", true)))
                  .withPrompt(Pattern.compile("^r1#$")));
      assertThat(reload.prompt()).isEqualTo("r1#");
      assertThat(reload.output()).endsWith("Reload scheduled");
    }
  }

  @Test
  void pagesThroughMoreAndStripsThePager() {
    try (TelnetConnection connection = open()) {
      String output = connection.execute(ExecuteRequest.of("show paged")).output();
      assertThat(output.lines())
          .containsExactly(
              "line 1.1",
              "line 1.2",
              "line 1.3",
              "line 2.1",
              "line 2.2",
              "line 2.3",
              "line 3.1",
              "line 3.2",
              "line 3.3");
    }
  }

  @Test
  void answersDialogs() {
    try (TelnetConnection connection = open()) {
      ExecuteResult reload =
          connection.execute(
              ExecuteRequest.of("reload")
                  .withDialogs(List.of(DialogStatement.of("\\[confirm\\]\\s*$", ""))));
      assertThat(reload.output()).contains("Proceed with reload? [confirm]", "Reload scheduled");
      ExecuteResult copy =
          connection.execute(
              ExecuteRequest.of("copy running-config startup-config")
                  .withDialogs(
                      List.of(DialogStatement.of("Destination filename \\[.*\\]\\?\\s*$", ""))));
      assertThat(copy.output()).endsWith("[OK]");
    }
  }

  @Test
  void errorPatternsBecomeCommandErrors() {
    try (TelnetConnection connection = open()) {
      assertThatThrownBy(() -> connection.execute(ExecuteRequest.of("show bogus")))
          .isInstanceOfSatisfying(
              CommandErrorException.class,
              e -> assertThat(e.output()).contains("% Invalid input detected"));
      assertThat(connection.isConnected()).isTrue();
    }
  }

  @Test
  void configureEntersEnableAndConfigAndReportsTheFailingLine() {
    try (TelnetConnection connection = open()) {
      var applied =
          connection.configure(
              ConfigureRequest.of(
                  "interface Gi1", "description uplink", "exit", "ntp server 1.1.1.1"));
      assertThat(applied.lines()).isEqualTo(4);
      assertThatThrownBy(
              () ->
                  connection.configure(
                      ConfigureRequest.of("ntp server 2.2.2.2", "bad line", "never sent")))
          .isInstanceOfSatisfying(
              CommandErrorException.class,
              e -> {
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.command()).isEqualTo("bad line");
                assertThat(e.output()).contains("% Invalid input");
              });
      ExecuteResult after = connection.execute(ExecuteRequest.of("show version"));
      assertThat(after.state()).isEqualTo(CliState.ENABLE);
      assertThat(after.prompt()).isEqualTo("r1#");
    }
  }

  @Test
  void timeoutCarriesOutputAndTheConnectionRecovers() {
    try (TelnetConnection connection = open()) {
      assertThatThrownBy(
              () ->
                  connection.execute(ExecuteRequest.of("hang").withTimeout(Duration.ofMillis(800))))
          .isInstanceOf(OperationTimeoutException.class);
      assertThat(connection.isConnected()).isTrue();
      assertThat(connection.execute(ExecuteRequest.of("show version")).output())
          .startsWith("Cisco IOS XE");
    }
  }

  @Test
  void disconnectMidCommandFailsWithTheCause() {
    try (TelnetConnection connection = open()) {
      assertThatThrownBy(() -> connection.execute(ExecuteRequest.of("disconnect")))
          .isInstanceOf(ConnectionClosedException.class);
      assertThat(connection.state()).isIn(ConnectionState.FAILED, ConnectionState.DISCONNECTED);
      assertThat(connection.failure()).isPresent();
      assertThat(connection.failure().get().output()).contains("partial output");
      assertThatThrownBy(() -> connection.execute(ExecuteRequest.of("show version")))
          .isInstanceOf(ConnectionClosedException.class);
    }
  }

  @Test
  void wrongPasswordIsAuthFailed() {
    TelnetConnection connection = new TelnetConnection(settings(peer.port(), "wrong"));
    assertThatThrownBy(connection::open).isInstanceOf(AuthFailedException.class);
    assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
    assertThat(connection.failure()).containsInstanceOf(AuthFailedException.class);
    connection.close();
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    TelnetConnection connection = new TelnetConnection(settings(port, "secret"));
    assertThatThrownBy(connection::open).isInstanceOf(DeviceUnreachableException.class);
    assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
  }

  @Test
  void reopensAfterClose() {
    TelnetConnection connection = open();
    Terminal first = connection.terminal();
    connection.close();
    connection.close();
    assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
    assertThat(first.isEnded()).isTrue();
    connection.open();
    assertThat(connection.terminal()).isNotSameAs(first);
    assertThat(connection.execute(ExecuteRequest.of("show version")).output()).startsWith("Cisco");
    connection.close();
  }

  @Test
  void silentDeviceTimesOutLoginAndFails() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      TelnetConnection connection =
          new TelnetConnection(
              settings(silent.getLocalPort(), "secret")
                  .withTimeouts(
                      new ConnectionSettings.Timeouts(
                          Duration.ofSeconds(2), Duration.ofMillis(2500), Duration.ofSeconds(2))));
      long start = System.nanoTime();
      assertThatThrownBy(connection::open).isInstanceOf(OperationTimeoutException.class);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(2000L, 5000L);
      assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
      assertThat(connection.terminal().isEnded()).isTrue();
    }
  }

  @Test
  void tenMegabytesOverTelnet() {
    try (TelnetConnection connection = open()) {
      long start = System.nanoTime();
      ExecuteResult huge =
          connection.execute(
              ExecuteRequest.of("show huge 10485760").withTimeout(Duration.ofSeconds(50)));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("telnet: %d chars in %d ms%n", huge.output().length(), elapsedMs);
      assertThat(huge.output().length()).isGreaterThan(10_000_000);
      assertThat(huge.skippedBytes()).isZero();
    }
  }

  @Test
  void concurrentCallsAreSerialised() throws Exception {
    try (TelnetConnection connection = open();
        var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ExecuteResult>> results =
          List.of(
              pool.submit(() -> connection.execute(ExecuteRequest.of("show version"))),
              pool.submit(() -> connection.execute(ExecuteRequest.of("show paged"))),
              pool.submit(() -> connection.execute(ExecuteRequest.of("show version"))));
      assertThat(results.get(0).get().output()).startsWith("Cisco IOS XE");
      assertThat(results.get(1).get().output()).startsWith("line 1.1").endsWith("line 3.3");
      assertThat(results.get(2).get().output()).startsWith("Cisco IOS XE");
    }
  }
}
