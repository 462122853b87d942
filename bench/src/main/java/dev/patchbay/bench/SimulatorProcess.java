package dev.patchbay.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated lab in a process of its own ({@code SimulatorMain} from the service jar), so that
 * the service's heap and RSS measure Patchbay only: {@code count} IOS-XE-like devices over SSH on
 * ephemeral ports, user admin/admin, enable secret cisco. Under {@code PATCHBAY_BENCH_JFR=<dir>} it
 * leaves a flight recording, {@code <dir>/simulator-<count>.jfr}.
 */
final class SimulatorProcess implements AutoCloseable {

  /** One simulated device: its name (also its hostname, hence its prompt) and SSH port. */
  record Device(String name, int port) {}

  private static final Pattern DEVICE_LINE =
      Pattern.compile("^(sim-\\S+) ssh 127\\.0\\.0\\.1 (\\d+)\\b.*");

  private final Process process;
  private final List<Device> devices;
  private final Path hostKeys;

  private SimulatorProcess(Process process, List<Device> devices, Path hostKeys) {
    this.process = process;
    this.devices = devices;
    this.hostKeys = hostKeys;
  }

  static SimulatorProcess start(Settings settings, int count) throws IOException {
    Path hostKeys = Files.createTempDirectory("patchbay-bench-sim-keys-");
    List<String> options = new ArrayList<>(List.of("-Xmx6g", "-Dlogging.level.root=WARN"));
    options.addAll(Jvm.flightRecording("simulator-" + count));
    List<String> command =
        settings
            .jvm()
            .bootJarMain(settings.serviceJar(), "dev.patchbay.simulator.SimulatorMain", options);
    command.addAll(
        List.of(
            "--profile", "iosxe",
            "--count", Integer.toString(count),
            "--protocol", "ssh",
            "--base-port", "0",
            "--host-key-dir", hostKeys.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<Device> devices = new ArrayList<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while (devices.size() < count && (line = out.readLine()) != null) {
      Matcher device = DEVICE_LINE.matcher(line);
      if (device.matches()) {
        devices.add(new Device(device.group(1), Integer.parseInt(device.group(2))));
      }
    }
    if (devices.size() < count) {
      process.destroyForcibly();
      throw new IllegalStateException("the simulator started " + devices.size() + " devices");
    }
    Thread.ofVirtual().start(() -> drain(out));
    return new SimulatorProcess(process, devices, hostKeys);
  }

  List<Device> devices() {
    return devices;
  }

  long pid() {
    return process.pid();
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // keep the pipe empty
      }
    } catch (IOException e) {
      // process ended
    }
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (var files = Files.walk(hostKeys)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
