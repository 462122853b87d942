package dev.patchbay.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 2: the same command sequence through Netmiko ({@code bench/netmiko_peer.py}, Debian's
 * python3-netmiko) and through Patchbay's REST API, on the same simulated device: connect time and
 * time per command, Patchbay's after a {@link Warmup} on the same sequence.
 */
final class NetmikoPeer {

  private static final String SCENARIO = "2 peer: Netmiko";
  private static final int OPENS = 5;
  private static final List<String> COMMANDS =
      List.of("show version", "show clock", "show ip interface brief", "show inventory");

  private NetmikoPeer() {}

  static void run(Settings settings, SimulatorProcess.Device device, Results results)
      throws Exception {
    int rounds = settings.pick(50, 5);
    Samples netmikoConnect = new Samples();
    Samples netmiko = netmiko(settings, device, rounds, netmikoConnect);

    try (ServiceProcess service = ServiceProcess.start(settings, "peer", Map.of(), List.of());
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      patchbay.createDevice(device.name(), device.port());
      patchbay.openSession(device.name(), "peer");
      AtomicInteger turn = new AtomicInteger();
      Warmup.of(settings)
          .sequential(
              "REST execute, the sequence",
              i ->
                  patchbay.execute(
                      device.name(),
                      "peer",
                      COMMANDS.get(turn.getAndIncrement() % COMMANDS.size())));
      Latency connect = open(patchbay, device.name());
      Samples rest = new Samples();
      for (int round = 0; round < rounds; round++) {
        for (String command : COMMANDS) {
          long begun = System.nanoTime();
          patchbay.execute(device.name(), "peer", command);
          rest.add(System.nanoTime() - begun);
        }
      }
      patchbay.closeSession(device.name(), "peer");

      Latency peerLatency = Latency.of(netmiko.toArray());
      Latency restLatency = Latency.of(rest.toArray());
      results.add(
          new Results.Row(
              SCENARIO,
              "time per command, median / p99 (" + rest.size() + " commands)",
              peerLatency.toString(),
              restLatency.toString(),
              Results.ratio(restLatency.medianMs(), peerLatency.medianMs()),
              "—",
              null));
      double peerConnectMs = netmikoConnect.toArray()[0] / 1e6;
      results.add(
          new Results.Row(
              SCENARIO,
              "connect + enable (ms; Patchbay: median of " + OPENS + " session opens)",
              Results.number(peerConnectMs),
              Results.number(connect.medianMs()),
              Results.ratio(connect.medianMs(), peerConnectMs),
              "—",
              null));
    }
  }

  /** Opens (and closes) sessions one at a time after a first one that warms the service up. */
  private static Latency open(PatchbayClient patchbay, String device) {
    patchbay.openSession(device, "warmup");
    patchbay.closeSession(device, "warmup");
    Samples opens = new Samples();
    for (int i = 0; i < OPENS; i++) {
      long begun = System.nanoTime();
      patchbay.openSession(device, "open" + i);
      opens.add(System.nanoTime() - begun);
      patchbay.closeSession(device, "open" + i);
    }
    return Latency.of(opens.toArray());
  }

  private static Samples netmiko(
      Settings settings, SimulatorProcess.Device device, int rounds, Samples connect)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/python3"); // Debian's, where python3-netmiko lives
    command.add(settings.benchDir().resolve("netmiko_peer.py").toString());
    command.add(Integer.toString(device.port()));
    command.add(Integer.toString(rounds));
    command.addAll(COMMANDS);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Samples perCommand = new Samples();
    StringBuilder other = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] parts = line.split(" ");
        if (parts.length == 2 && parts[0].equals("connect")) {
          connect.add(seconds(parts[1]));
        } else if (parts.length == 2 && parts[0].equals("command")) {
          perCommand.add(seconds(parts[1]));
        } else {
          other.append(line).append('\n');
        }
      }
    }
    if (process.waitFor() != 0 || perCommand.size() != rounds * COMMANDS.size()) {
      throw new IllegalStateException("netmiko_peer.py failed:\n" + other);
    }
    return perCommand;
  }

  private static long seconds(String value) {
    return (long) (Double.parseDouble(value) * 1e9);
  }
}
