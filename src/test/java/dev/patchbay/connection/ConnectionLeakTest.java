package dev.patchbay.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ssh.SshClientHolder;
import dev.patchbay.connection.ssh.SshConnection;
import dev.patchbay.connection.telnet.TelnetConnection;
import dev.patchbay.hostkey.HostKeyStore;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatedLab;
import dev.patchbay.testpeer.TcpPeer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opening and closing many connections leaks no thread and no file descriptor. Counts are taken
 * after a warm-up (so lazily started pools — MINA's I/O threads, virtual-thread carriers, JIT and
 * GC helpers — exist already) and compared with a small tolerance: the in-process simulator closes
 * its side of a socket asynchronously, so a few descriptors may still be closing.
 */
@DataJpaTest
@Import(HostKeyStore.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Timeout(300)
class ConnectionLeakTest {

  private static final int FD_TOLERANCE = 8;
  private static final int THREAD_TOLERANCE = 2;

  private static SimulatedLab lab;
  private static final SshClientHolder clients = new SshClientHolder();

  @Autowired HostKeyStore hostKeys;

  @BeforeAll
  static void startLab() throws Exception {
    lab = new SimulatedLab(Files.createTempDirectory("patchbay-leak-keys"));
    lab.start(DeviceSpec.of("ssh", "iosxe", Protocol.SSH).withHostname("r1"));
  }

  @AfterAll
  static void stopLab() {
    clients.destroy();
    lab.close();
  }

  private static ConnectionSettings settings(SimulatedDevice device) {
    return ConnectionSettings.network(
        device.name(),
        device.host(),
        device.port(),
        new LoginCredentials("admin", "admin", null, "cisco"),
        OsProfile.forOs("iosxe"));
  }

  /**
   * Telnet against the test peer, which sets TCP_NODELAY: the simulator's servers answer each
   * echoed keystroke after a ~40 ms Nagle/delayed-ACK stall, which would make 1,000 cycles take
   * minutes.
   */
  @Test
  void thousandTelnetOpenCloseCycles() throws Exception {
    try (TcpPeer peer = new TcpPeer(true)) {
      ConnectionSettings settings =
          ConnectionSettings.network(
              "peer",
              "127.0.0.1",
              peer.port(),
              new LoginCredentials("admin", "secret", null, "secret2"),
              OsProfile.forOs("iosxe"));
      cycles("telnet", 1000, () -> new TelnetConnection(settings));
    }
  }

  @Test
  void fiftySshOpenCloseCyclesOnTheSharedClient() throws Exception {
    SimulatedDevice device = lab.device("ssh");
    cycles("ssh", 50, () -> new SshConnection(settings(device), clients, hostKeys));
  }

  private static void cycles(String name, int count, Supplier<BaseConnection> connections)
      throws Exception {
    for (int i = 0; i < 20; i++) {
      cycle(connections.get(), i);
    }
    int threadsBefore = threads();
    long fdsBefore = settledFds();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      cycle(connections.get(), i);
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    long fdsAfter = settledFds();
    int threadsAfter = threads();
    System.out.printf(
        "%s: %d open/execute/close cycles in %d ms; threads %d -> %d, fds %d -> %d%n",
        name, count, elapsedMs, threadsBefore, threadsAfter, fdsBefore, fdsAfter);
    assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + THREAD_TOLERANCE);
    assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore + FD_TOLERANCE);
  }

  private static void cycle(BaseConnection connection, int i) {
    try (connection) {
      connection.open();
      if (i % 10 == 0) {
        connection.execute(ExecuteRequest.of("show version"));
      }
    }
    assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
    assertThat(connection.terminal().isEnded()).isTrue();
  }

  private static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** Open descriptors once the count stops falling (bounded wait). */
  private static long settledFds() throws IOException, InterruptedException {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 50; i++) {
      long now = fds();
      if (now >= previous) {
        return now;
      }
      previous = now;
      Thread.sleep(100);
    }
    return previous;
  }

  private static long fds() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
      return entries.count();
    }
  }
}
