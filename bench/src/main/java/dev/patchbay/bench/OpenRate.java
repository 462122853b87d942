package dev.patchbay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;

/**
 * Scenario 8: sessions opened per second through {@code POST …/sessions} against the direct MINA
 * SSHD client opening the same sessions on the same simulated devices with the same 32 openers:
 * TCP connect, key exchange, password authentication, a PTY shell, the first prompt, {@code
 * enable} with its password, {@code terminal length 0} and {@code terminal width 0} (what Patchbay
 * runs at login). Rounds of each side alternate after warm-up rounds, so both meet the same machine
 * load; every round opens its sessions (timed) and closes them again (not timed). Also the CPU time
 * per open of the simulator, the driver (which holds the direct client) and the service.
 */
final class OpenRate {

  private static final String SCENARIO = "8 open rate";
  private static final int OPENERS = 32;
  private static final double TARGET = 0.80;

  private OpenRate() {}

  /** Opens, or fails with what went wrong. */
  private interface Opener {
    AutoCloseable open(int index) throws Exception;
  }

  /** Opens and timed CPU of one side, summed over its rounds. */
  private static final class Side {
    private final String name;
    private long opens;
    private long nanos;
    private long simulatorMs;
    private long driverMs;
    private long serviceMs;

    Side(String name) {
      this.name = name;
    }

    double rate() {
      return opens / (nanos / 1e9);
    }

    String cpu() {
      return Results.number(simulatorMs / (double) opens)
          + " / "
          + Results.number(driverMs / (double) opens)
          + " / "
          + Results.number(serviceMs / (double) opens);
    }

    double totalCpu() {
      return (simulatorMs + driverMs + serviceMs) / (double) opens;
    }
  }

  static void run(
      Settings settings,
      SimulatorProcess simulator,
      List<SimulatorProcess.Device> devices,
      Results results)
      throws Exception {
    int perRound = settings.pick(1000, 200);
    int rounds = settings.pick(3, 2);
    int warmupRounds = settings.pick(3, 1);
    try (ServiceProcess service = ServiceProcess.start(settings, "open", Map.of(), List.of());
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      for (SimulatorProcess.Device device : devices) {
        patchbay.createDevice(device.name(), device.port());
      }
      SshClient ssh = DirectCli.newClient();
      try {
        Opener direct = index -> DirectCli.open(ssh, deviceOf(devices, index));
        Opener rest =
            index -> {
              String device = deviceOf(devices, index).name();
              String alias = "o" + index;
              patchbay.openSession(device, alias);
              return () -> patchbay.closeSession(device, alias);
            };
        Side directSide = new Side("direct");
        Side restSide = new Side("patchbay");
        for (int round = 0; round < warmupRounds + rounds; round++) {
          boolean timed = round >= warmupRounds;
          for (Side side : List.of(directSide, restSide)) {
            Side into = timed ? side : new Side(side.name);
            round(side == directSide ? direct : rest, perRound, simulator, service, into);
            System.out.printf(
                "   %s round %d (%s): %.1f opens/s%n",
                side.name, round + 1, timed ? "timed" : "warm-up", into.rate());
          }
        }
        results.add(
            new Results.Row(
                SCENARIO,
                "sessions opened per second, "
                    + OPENERS
                    + " openers over "
                    + devices.size()
                    + " devices ("
                    + rounds
                    + " × "
                    + perRound
                    + " opens each side)",
                Results.number(directSide.rate()),
                Results.number(restSide.rate()),
                Results.ratio(restSide.rate(), directSide.rate()),
                "≥ 0.80× direct",
                restSide.rate() >= TARGET * directSide.rate()));
        results.add(
            new Results.Row(
                SCENARIO,
                "CPU per open (ms): simulator / driver / service",
                directSide.cpu(),
                restSide.cpu(),
                Results.ratio(restSide.totalCpu(), directSide.totalCpu()) + " in all",
                "—",
                null));
      } finally {
        ssh.stop();
      }
    }
  }

  /**
   * Opens {@code count} sessions with {@link #OPENERS} concurrent openers (timed, with the CPU of
   * the three processes), then closes them all (not timed) and lets the simulator settle.
   */
  private static void round(
      Opener opener, int count, SimulatorProcess simulator, ServiceProcess service, Side into)
      throws Exception {
    long driver = ProcessHandle.current().pid();
    List<AutoCloseable> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long simulatorBefore = Jvm.cpuMillis(simulator.pid());
    long driverBefore = Jvm.cpuMillis(driver);
    long serviceBefore = Jvm.cpuMillis(service.pid());
    long started = System.nanoTime();
    runConcurrently(
        () -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            try {
              opened.add(opener.open(i));
            } catch (Exception e) {
              failure.compareAndSet(null, e);
              return;
            }
          }
        });
    into.nanos += System.nanoTime() - started;
    into.simulatorMs += Jvm.cpuMillis(simulator.pid()) - simulatorBefore;
    into.driverMs += Jvm.cpuMillis(driver) - driverBefore;
    into.serviceMs += Jvm.cpuMillis(service.pid()) - serviceBefore;
    into.opens += opened.size();
    AtomicInteger closing = new AtomicInteger();
    runConcurrently(
        () -> {
          for (int i = closing.getAndIncrement(); i < opened.size(); i = closing.getAndIncrement()) {
            try {
              opened.get(i).close();
            } catch (Exception e) {
              failure.compareAndSet(null, e);
            }
          }
        });
    if (failure.get() != null) {
      throw new IllegalStateException("an open or close failed", failure.get());
    }
    Thread.sleep(1000);
  }

  private static void runConcurrently(Runnable worker) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < OPENERS; t++) {
      threads.add(Thread.ofPlatform().name("opener-" + t).start(worker));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static SimulatorProcess.Device deviceOf(List<SimulatorProcess.Device> devices, int i) {
    return devices.get(i % devices.size());
  }
}
