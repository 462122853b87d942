package dev.patchbay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.simulator.cli.DeviceProfile;
import dev.patchbay.simulator.cli.ProfileLoader;
import dev.patchbay.simulator.support.SshTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

/** Lab lifecycle: ports are reported, devices are reachable, close releases ports and threads. */
class SimulatedLabTest {

  @Test
  void closeReleasesEveryPortAndThread() throws Exception {
    Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
    List<SimulatedDevice> devices;
    try (SimulatedLab lab = new SimulatedLab()) {
      lab.start(DeviceSpec.of("a", "iosxe", Protocol.SSH));
      lab.start(DeviceSpec.of("b", "nxos", Protocol.TELNET));
      lab.start(DeviceSpec.of("c", "linux", Protocol.SSH).withHostname("host-c"));
      devices = lab.devices();
      assertThat(devices).extracting(SimulatedDevice::name).containsExactly("a", "b", "c");
      assertThat(devices).allSatisfy(device -> assertThat(device.port()).isPositive());
      assertThat(devices).allSatisfy(device -> assertThat(accepts(device.port())).isTrue());
      assertThat(lab.device("c").hostname()).isEqualTo("host-c");
      assertThat(lab.device("b").hostKeyFingerprint()).isNull();
      assertThat(lab.device("a").enablePassword()).isEqualTo("cisco");
      assertThatThrownBy(() -> lab.start(DeviceSpec.of("a", "iosxe", Protocol.SSH)))
          .hasMessageContaining("already running");
    }
    for (SimulatedDevice device : devices) {
      try (ServerSocket rebind = new ServerSocket()) {
        rebind.bind(new InetSocketAddress("127.0.0.1", device.port()));
      }
    }
    Thread.sleep(200);
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(thread -> !threadsBefore.contains(thread))
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("simulator-") || name.startsWith("sshd-SshServer"));
  }

  @Test
  void fixedPortsAreHonoured() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    try (SimulatedLab lab = new SimulatedLab()) {
      assertThat(lab.start(DeviceSpec.of("fixed", "nxos", Protocol.TELNET).withPort(port)).port())
          .isEqualTo(port);
    }
  }

  @Test
  void stoppingOneDeviceLeavesTheOthersRunning() throws Exception {
    try (SimulatedLab lab = new SimulatedLab();
        SshTestClient client = new SshTestClient()) {
      SimulatedDevice kept = lab.start(DeviceSpec.of("kept", "linux", Protocol.SSH));
      SimulatedDevice stopped = lab.start(DeviceSpec.of("stopped", "linux", Protocol.SSH));
      lab.stop("stopped");
      assertThat(accepts(stopped.port())).isFalse();
      try (ClientSession session = client.login(kept)) {
        assertThat(SshTestClient.exec(session, "whoami").output()).isEqualTo("admin\r\n");
      }
    }
  }

  @Test
  void uniconMockDataCanBeServedOverSsh() throws Exception {
    DeviceProfile leaf1 =
        new ProfileLoader()
            .loadFile(Path.of(getClass().getResource("/simulator/unicon-leaf1.yaml").toURI()))
            .startingIn("enable");
    try (SimulatedLab lab = new SimulatedLab();
        SshTestClient client = new SshTestClient()) {
      SimulatedDevice device =
          lab.start(DeviceSpec.of("leaf1", "unused", Protocol.SSH).withProfile(leaf1));
      assertThat(device.profile()).isEqualTo("unicon-leaf1");
      try (ClientSession session = client.login(device)) {
        assertThat(SshTestClient.exec(session, "show nve vni").output())
            .isEqualTo(
                "VNI: 10010  State: Up  Mcast: n/a  IR: Yes\r\nVNI: 10020  State: Up  Mcast: n/a  IR: Yes\r\n");
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
