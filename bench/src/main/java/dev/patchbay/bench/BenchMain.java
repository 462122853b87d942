package dev.patchbay.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmark scenarios against a simulator process and fresh service instances, then
 * prints one table and writes {@code latest.md} and {@code latest.json} to the results directory.
 *
 * <p>Usage: {@code BenchMain SERVICE_JAR BENCH_DIR RESULTS_DIR [quick] [execute] [peer] [capacity]
 * [streaming] [leases] [parse] [jobs] [open] [cluster] [start]}; the admin token comes from {@code PATCHBAY_ADMIN_TOKEN}. No scenario named
 * means all of them.
 */
public final class BenchMain {

  private static final List<String> SCENARIOS =
      List.of("execute", "peer", "capacity", "streaming", "leases", "parse", "jobs", "open", "cluster", "start");
  private static final int CAPACITY_DEVICES = 10;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: BenchMain SERVICE_JAR BENCH_DIR RESULTS_DIR [quick] [" + SCENARIOS + "...]");
    }
    boolean quick = false;
    Set<String> selected = new LinkedHashSet<>();
    for (int i = 3; i < args.length; i++) {
      if (args[i].equals("quick")) {
        quick = true;
      } else if (SCENARIOS.contains(args[i])) {
        selected.add(args[i]);
      } else {
        throw new IllegalArgumentException("unknown scenario " + args[i] + "; known: " + SCENARIOS);
      }
    }
    if (selected.isEmpty()) {
      selected.addAll(SCENARIOS);
    }
    String token = System.getenv("PATCHBAY_ADMIN_TOKEN");
    if (token == null || token.length() < 32) {
      throw new IllegalStateException("PATCHBAY_ADMIN_TOKEN (32+ characters) must be set");
    }
    Settings settings =
        new Settings(
            Jvm.current(), Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), token, quick);
    Results results = new Results();
    int capacityDevices = settings.pick(CAPACITY_DEVICES, 2);
    try (SimulatorProcess simulator = SimulatorProcess.start(settings, 3 + capacityDevices)) {
      List<SimulatorProcess.Device> devices = simulator.devices();
      for (String scenario : selected) {
        System.out.println("== " + scenario + (quick ? " (quick)" : ""));
        long started = System.nanoTime();
        try {
          switch (scenario) {
            case "execute" -> ExecuteOverhead.run(settings, simulator, devices.get(0), results);
            case "peer" -> NetmikoPeer.run(settings, devices.get(1), results);
            case "capacity" ->
                SessionCapacity.run(
                    settings, new ArrayList<>(devices.subList(3, devices.size())), results);
            case "streaming" -> TerminalStreaming.run(settings, devices.get(2), results);
            case "leases" -> LeaseThroughput.run(settings, results);
            case "parse" -> ParseThroughput.run(settings, results);
            case "open" ->
                OpenRate.run(
                    settings,
                    simulator,
                    new ArrayList<>(devices.subList(3, devices.size())),
                    results);
            case "cluster" -> ClusterForwarding.run(settings, devices, results);
            case "start" -> WarmStart.run(settings, devices.get(0), results);
            case "jobs" -> {
              for (int n : settings.quick() ? new int[] {20} : new int[] {100, 1000}) {
                try (SimulatorProcess fleet = SimulatorProcess.start(settings, n)) {
                  JobFanout.run(settings, fleet, results);
                }
              }
            }
            default -> throw new IllegalStateException(scenario);
          }
        } catch (Exception e) {
          e.printStackTrace();
          results.note(scenario + " failed: " + e);
        }
        System.out.printf("   (%.0f s)%n", (System.nanoTime() - started) / 1e9);
      }
    }
    String machine = Machine.describe(settings.jvm());
    String heading =
        "Patchbay benchmark, "
            + (quick ? "quick run" : "full run")
            + ", "
            + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + "\n\n"
            + machine;
    System.out.println();
    System.out.println(heading);
    System.out.println();
    System.out.print(results.table());
    results.write(settings.results(), machine, heading);
    System.out.println("\nwritten: " + settings.results().resolve("latest.md"));
  }
}
