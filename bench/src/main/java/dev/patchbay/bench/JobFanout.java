package dev.patchbay.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs scenario: {@code show version} on N simulated devices (one simulator process) as one
 * Patchbay job (concurrency 100), against Netmiko from a pool of 100 threads ({@code
 * bench/netmiko_fanout.py}) on the same devices: wall time, and the peak resident memory of the
 * Netmiko process and of the service process (VmHWM; the service runs nothing else), and the CPU
 * time per device of each side's client (the Netmiko process; the service) and of the simulator
 * while it served that side.
 */
final class JobFanout {

  private static final String SCENARIO = "7 jobs: fan-out vs Netmiko";
  private static final String COMMAND = "show version";
  private static final int THREADS = 100;

  private JobFanout() {}

  static void run(Settings settings, SimulatorProcess simulator, Results results)
      throws Exception {
    List<SimulatorProcess.Device> devices = simulator.devices();
    long simulatorBeforePeer = Jvm.cpuMillis(simulator.pid());
    Map<String, Double> peer = netmiko(settings, devices);
    long simulatorForPeer = Jvm.cpuMillis(simulator.pid()) - simulatorBeforePeer;
    try (ServiceProcess service = ServiceProcess.start(settings, "jobs", Map.of(), List.of());
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      List<String> names = new ArrayList<>();
      for (SimulatorProcess.Device device : devices) {
        patchbay.createDevice(device.name(), device.port());
        names.add("\"" + device.name() + "\"");
      }
      String job =
          "{\"devices\": ["
              + String.join(", ", names)
              + "], \"concurrency\": "
              + THREADS
              + ", \"commands\": [{\"command\": \""
              + COMMAND
              + "\"}]}";
      // a warm-up job on a tenth of the devices, so that the measured one is not a cold JVM's
      String warm =
          "{\"devices\": ["
              + String.join(", ", names.subList(0, Math.max(1, names.size() / 10)))
              + "], \"commands\": [{\"command\": \"show clock\"}]}";
      patchbay.job(patchbay.startJob(warm), 300);
      long simulatorBefore = Jvm.cpuMillis(simulator.pid());
      long serviceBefore = Jvm.cpuMillis(service.pid());
      long begun = System.nanoTime();
      String done = patchbay.job(patchbay.startJob(job), 600);
      double wall = (System.nanoTime() - begun) / 1e9;
      long simulatorForJob = Jvm.cpuMillis(simulator.pid()) - simulatorBefore;
      long serviceForJob = Jvm.cpuMillis(service.pid()) - serviceBefore;
      if (!done.contains("\"state\":\"SUCCEEDED\"")) {
        throw new IllegalStateException("the job did not succeed: " + done.substring(0, 400));
      }
      // the same work on sessions a connect job opened and kept (pyATS testbed.connect(), then jobs)
      String connect =
          "{\"devices\": [" + String.join(", ", names) + "], \"concurrency\": " + THREADS
              + ", \"alias\": \"kept\"}";
      patchbay.job(patchbay.startJob(connect), 600);
      long reused = System.nanoTime();
      String kept =
          patchbay.job(patchbay.startJob(job.replace("{\"devices\"", "{\"alias\": \"kept\", \"devices\"")), 600);
      double keptWall = (System.nanoTime() - reused) / 1e9;
      if (!kept.contains("\"state\":\"SUCCEEDED\"")) {
        throw new IllegalStateException("the job on kept sessions did not succeed");
      }
      double serviceMb = vmHwmKib(service.pid()) / 1024.0;
      int n = devices.size();
      results.add(
          new Results.Row(
              SCENARIO,
              "'" + COMMAND + "' on " + n + " devices, wall time (s; 100 threads / concurrency 100)",
              Results.number(peer.get("wall")) + (peer.get("failed") > 0 ? " (" + peer.get("failed").intValue() + " failed)" : ""),
              Results.number(wall),
              Results.ratio(wall, peer.get("wall")),
              "Patchbay ≥ 20× faster",
              peer.get("wall") / wall >= 20));
      results.add(
          new Results.Row(
              SCENARIO,
              "the same job on " + n + " sessions a connect job kept open (s)",
              Results.number(peer.get("wall")),
              Results.number(keptWall),
              Results.ratio(keptWall, peer.get("wall")),
              "Patchbay ≥ 20× faster",
              peer.get("wall") / keptWall >= 20));
      results.add(
          new Results.Row(
              SCENARIO,
              "CPU per device (ms), fresh sessions: client (Netmiko process / service) + simulator",
              Results.number(peer.get("cpu") * 1000 / n)
                  + " + "
                  + Results.number(simulatorForPeer / (double) n),
              Results.number(serviceForJob / (double) n)
                  + " + "
                  + Results.number(simulatorForJob / (double) n),
              Results.ratio(
                  serviceForJob + simulatorForJob, peer.get("cpu") * 1000 + simulatorForPeer),
              "—",
              null));
      results.add(
          new Results.Row(
              SCENARIO,
              "peak RSS (MB) on " + n + " devices (Netmiko process / service process)",
              Results.number(peer.get("maxrss") / 1024.0),
              Results.number(serviceMb),
              Results.ratio(serviceMb, peer.get("maxrss") / 1024.0),
              "—",
              null));
    }
  }

  private static Map<String, Double> netmiko(Settings settings, List<SimulatorProcess.Device> devices)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/python3");
    command.add(settings.benchDir().resolve("netmiko_fanout.py").toString());
    command.add(Integer.toString(THREADS));
    command.add(COMMAND);
    devices.forEach(d -> command.add(Integer.toString(d.port())));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Map<String, Double> values = new HashMap<>();
    StringBuilder other = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] parts = line.split(" ");
        if (parts.length == 2 && List.of("wall", "ok", "failed", "maxrss", "cpu").contains(parts[0])) {
          values.put(parts[0], Double.parseDouble(parts[1]));
        } else if (other.length() < 4000) {
          other.append(line).append('\n');
        }
      }
    }
    if (process.waitFor() != 0 || !values.containsKey("wall")) {
      throw new IllegalStateException("netmiko_fanout.py failed:\n" + other);
    }
    return values;
  }

  private static long vmHwmKib(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
