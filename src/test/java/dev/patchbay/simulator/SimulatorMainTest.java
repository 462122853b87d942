package dev.patchbay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SimulatorMain} runs as its own JVM, prints one line per device and serves them. */
class SimulatorMainTest {

  @Test
  void printsOneLinePerDeviceAndServesUntilKilled(@TempDir Path keys) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorMain.class.getName(),
                "--profile",
                "nxos",
                "--count",
                "3",
                "--protocol",
                "telnet",
                "--base-port",
                "0",
                "--host-key-dir",
                keys.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String line = out.readLine();
        assertThat(line).as("device line %d", i + 1).isNotNull();
        lines.add(line);
      }
      assertThat(lines.get(0)).matches("sim-nxos-1 telnet 127\\.0\\.0\\.1 \\d+");
      assertThat(lines.get(2)).startsWith("sim-nxos-3 telnet 127.0.0.1 ");
      int port = Integer.parseInt(lines.get(1).split(" ")[3]);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        byte[] opening = socket.getInputStream().readNBytes(3);
        assertThat(opening).containsExactly(255, 251, 1);
      }
      assertThat(process.isAlive()).isTrue();
    } finally {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
