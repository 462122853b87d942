package dev.patchbay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;

/**
 * Scenario 1: {@code show version} through REST execute against the same command through a direct
 * MINA SSHD client on the same simulated device, one session sequentially (REST over the driver's
 * transport and, in turns of 100 calls, over the JDK HTTP client; also in batches of 50 commands
 * per execute-batch call) and 64 sessions at once, with the CPU time per command of the
 * simulator, the driver and the service; then the 64-session loops again with the driver and the
 * simulator pinned to one vCPU and the service to the other. Then the HTTP floor: the same service
 * and HTTP client answering requests that touch no device. Every loop is timed after a {@link
 * Warmup}.
 */
final class ExecuteOverhead {

  private static final String SCENARIO = "1 execute overhead";
  private static final String COMMAND = "show version";
  private static final int SESSIONS = 64;
  private static final int BATCH = 50;

  /**
   * A timed loop, the CPU time per call of the simulator, the driver and the service (ms), and the
   * share of the machine's CPU time that was busy meanwhile (any process, the kernel included).
   */
  private record Load(
      CommandLoop.Outcome outcome,
      double simulator,
      double driver,
      double service,
      double machineBusy) {

    double total() {
      return simulator + driver + service;
    }

    String perProcess() {
      return Results.number(simulator)
          + " / "
          + Results.number(driver)
          + " / "
          + Results.number(service);
    }

    /** Calls per second the machine's CPUs would allow if these three used all of them. */
    double ceiling(int cpus) {
      return cpus * 1000 / total();
    }

    String budget(int cpus) {
      return Results.number(total())
          + " ms → max "
          + Results.number(ceiling(cpus))
          + "/s (these three "
          + Math.round(100 * outcome.perSecond() / ceiling(cpus))
          + " %, machine "
          + Math.round(100 * machineBusy)
          + " % busy)";
    }
  }

  private ExecuteOverhead() {}

  static void run(
      Settings settings,
      SimulatorProcess simulator,
      SimulatorProcess.Device device,
      Results results)
      throws Exception {
    Warmup warmup = Warmup.of(settings);
    int count = settings.pick(3000, 300);
    int seconds = settings.pick(20, 4);
    int cpus = Runtime.getRuntime().availableProcessors();
    SshClient ssh = DirectCli.newClient();
    try (ServiceProcess service = ServiceProcess.start(settings, "execute", Map.of(), List.of());
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      patchbay.createDevice(device.name(), device.port());

      Latency direct;
      try (DirectCli cli = DirectCli.open(ssh, device)) {
        CommandLoop.Call call = i -> cli.execute(COMMAND);
        warmup.sequential("direct, sequential", call);
        direct = CommandLoop.sequential(call, count);
      }
      patchbay.openSession(device.name(), "seq");
      CommandLoop.Call execute = i -> patchbay.execute(device.name(), "seq", COMMAND);
      warmup.sequential("REST execute, sequential", execute);
      Latency viaRest;
      Latency viaJdk;
      try (PatchbayClient jdk =
          new PatchbayClient(service.base(), settings.token(), new JdkTransport())) {
        CommandLoop.Call overJdk = i -> jdk.execute(device.name(), "seq", COMMAND);
        warmup.sequential("REST execute over the JDK HTTP client, sequential", overJdk);
        List<Latency> both = CommandLoop.interleaved(List.of(execute, overJdk), count, 100);
        viaRest = both.get(0);
        viaJdk = both.get(1);
      }
      CommandLoop.Call batch = i -> patchbay.executeBatch(device.name(), "seq", COMMAND, BATCH);
      warmup.withWindow(settings.pick(20, 10)).sequential("execute-batch, sequential", batch);
      Latency batched = CommandLoop.sequential(batch, count / BATCH);
      patchbay.closeSession(device.name(), "seq");
      double added = viaRest.medianMs() - direct.medianMs();
      results.add(
          new Results.Row(
              SCENARIO,
              "sequential latency, median / p99 (" + count + " calls)",
              direct.toString(),
              viaRest.toString(),
              Results.ratio(viaRest.medianMs(), direct.medianMs())
                  + ", +"
                  + Results.number(added)
                  + " ms",
              "added median < 1 ms",
              added < 1.0));

      results.add(
          new Results.Row(
              SCENARIO,
              "the same over the JDK HTTP client (the driver's REST transport until 2026-12-04),"
                  + " median / p99",
              direct.toString(),
              viaJdk.toString(),
              Results.ratio(viaJdk.medianMs(), direct.medianMs())
                  + ", +"
                  + Results.number(viaJdk.medianMs() - direct.medianMs())
                  + " ms",
              "—",
              null));

      double perCommand = batched.medianMs() / BATCH;
      results.add(
          new Results.Row(
              SCENARIO,
              "sequential, " + BATCH + " commands per execute-batch call: time per command, median",
              Results.number(direct.medianMs()) + " ms",
              Results.number(perCommand) + " ms",
              Results.ratio(perCommand, direct.medianMs())
                  + ", +"
                  + Results.number(perCommand - direct.medianMs())
                  + " ms",
              "—",
              null));

      Load directLoad =
          directLoad(warmup, ssh, device, "direct, 64 sessions", seconds, simulator, service);
      for (int i = 0; i < SESSIONS; i++) {
        patchbay.openSession(device.name(), "c" + i);
      }
      CommandLoop.Call executes = i -> patchbay.execute(device.name(), "c" + i, COMMAND);
      warmup.concurrent("REST execute, 64 sessions", executes, SESSIONS);
      Load restLoad = load(executes, seconds, simulator, service);
      double share = restLoad.outcome().perSecond() / directLoad.outcome().perSecond();
      results.add(
          new Results.Row(
              SCENARIO,
              "throughput, 64 sessions (commands/s)",
              Results.number(directLoad.outcome().perSecond()),
              Results.number(restLoad.outcome().perSecond()),
              Results.ratio(restLoad.outcome().perSecond(), directLoad.outcome().perSecond()),
              "≥ 0.80× direct",
              share >= 0.8));
      results.add(
          new Results.Row(
              SCENARIO,
              "latency, 64 sessions, median / p99",
              directLoad.outcome().latency().toString(),
              restLoad.outcome().latency().toString(),
              Results.ratio(
                  restLoad.outcome().latency().medianMs(),
                  directLoad.outcome().latency().medianMs()),
              "—",
              null));
      results.add(
          new Results.Row(
              SCENARIO,
              "CPU per command at 64 sessions (ms): simulator / driver / service",
              directLoad.perProcess(),
              restLoad.perProcess(),
              "—",
              "—",
              null));
      double allowed = directLoad.total() / 0.8;
      double forService = allowed - restLoad.simulator() - restLoad.driver();
      results.add(
          new Results.Row(
              SCENARIO,
              "CPU per command at 64 sessions, all three (ms) → CPU-bound ceiling on "
                  + cpus
                  + " vCPUs (commands/s)",
              directLoad.budget(cpus),
              restLoad.budget(cpus),
              Results.ratio(restLoad.total(), directLoad.total()),
              "0.80× direct needs ≤ "
                  + Results.number(allowed)
                  + " ms in all: "
                  + (forService > 0
                      ? Results.number(forService) + " ms for the service"
                      : "none left for the service"),
              null));

      if (cpus >= 2) {
        pinned(warmup, ssh, device, executes, seconds, simulator, service, results);
      }

      CommandLoop.Call health = i -> patchbay.health();
      warmup.sequential("GET /actuator/health, sequential", health);
      Latency healthLatency = CommandLoop.sequential(health, count);
      CommandLoop.Call read = i -> patchbay.session(device.name(), "c" + i);
      warmup.sequential("GET session, sequential", read);
      Latency readLatency = CommandLoop.sequential(read, count);
      warmup.concurrent("GET session, 64 callers", read, SESSIONS);
      Load readLoad = load(read, seconds, simulator, service);
      results.add(
          new Results.Row(
              SCENARIO,
              "HTTP floor: GET /actuator/health (public), sequential median / p99",
              "—",
              healthLatency.toString(),
              Results.ratio(healthLatency.medianMs(), viaRest.medianMs()) + " REST execute",
              "—",
              null));
      results.add(
          new Results.Row(
              SCENARIO,
              "HTTP floor: GET …/sessions/{alias} (authenticated, no device I/O), sequential"
                  + " median / p99",
              "—",
              readLatency.toString(),
              Results.ratio(readLatency.medianMs(), viaRest.medianMs()) + " REST execute",
              "—",
              null));
      results.add(
          new Results.Row(
              SCENARIO,
              "HTTP floor: GET …/sessions/{alias}, 64 callers (calls/s)",
              "—",
              Results.number(readLoad.outcome().perSecond()),
              Results.ratio(readLoad.outcome().perSecond(), restLoad.outcome().perSecond())
                  + " REST execute",
              "—",
              null));
      results.add(
          new Results.Row(
              SCENARIO,
              "HTTP floor: GET …/sessions/{alias}, 64 callers: CPU per call (ms): service / driver",
              "—",
              Results.number(readLoad.service()) + " / " + Results.number(readLoad.driver()),
              Results.ratio(
                      readLoad.service() + readLoad.driver(),
                      restLoad.service() + restLoad.driver())
                  + " REST execute",
              "—",
              null));
    } finally {
      ssh.stop();
    }
  }

  /**
   * The 64-session loops again with the driver and the simulator pinned to vCPU 0 and the service
   * to vCPU 1 (direct: the service idles on its vCPU), so that the service competes with its load
   * for no CPU: the fair ratio on a 2-vCPU machine.
   */
  private static void pinned(
      Warmup warmup,
      SshClient ssh,
      SimulatorProcess.Device device,
      CommandLoop.Call executes,
      int seconds,
      SimulatorProcess simulator,
      ServiceProcess service,
      Results results)
      throws Exception {
    long driver = ProcessHandle.current().pid();
    Load direct;
    Load rest;
    try {
      Pinning.pin(driver, "0");
      Pinning.pin(simulator.pid(), "0");
      Pinning.pin(service.pid(), "1");
      direct =
          directLoad(
              warmup, ssh, device, "direct, 64 sessions, pinned", seconds, simulator, service);
      warmup.concurrent("REST execute, 64 sessions, pinned", executes, SESSIONS);
      rest = load(executes, seconds, simulator, service);
    } finally {
      Pinning.pin(driver, Pinning.ALL);
      Pinning.pin(simulator.pid(), Pinning.ALL);
      Pinning.pin(service.pid(), Pinning.ALL);
    }
    double share = rest.outcome().perSecond() / direct.outcome().perSecond();
    results.add(
        new Results.Row(
            SCENARIO,
            "throughput, 64 sessions, driver + simulator pinned to vCPU 0, service to vCPU 1"
                + " (commands/s)",
            Results.number(direct.outcome().perSecond()),
            Results.number(rest.outcome().perSecond()),
            Results.ratio(rest.outcome().perSecond(), direct.outcome().perSecond()),
            "≥ 0.80× direct",
            share >= 0.8));
    results.add(
        new Results.Row(
            SCENARIO,
            "pinned: latency, median / p99; CPU per command (ms) simulator / driver / service",
            direct.outcome().latency() + "; " + direct.perProcess(),
            rest.outcome().latency() + "; " + rest.perProcess(),
            "—",
            "—",
            null));
  }

  /** The direct client's 64-session loop on sessions of its own, after its warm-up. */
  private static Load directLoad(
      Warmup warmup,
      SshClient ssh,
      SimulatorProcess.Device device,
      String name,
      int seconds,
      SimulatorProcess simulator,
      ServiceProcess service)
      throws Exception {
    List<DirectCli> clis = new ArrayList<>();
    try {
      for (int i = 0; i < SESSIONS; i++) {
        clis.add(DirectCli.open(ssh, device));
      }
      CommandLoop.Call call = i -> clis.get(i).execute(COMMAND);
      warmup.concurrent(name, call, SESSIONS);
      return load(call, seconds, simulator, service);
    } finally {
      clis.forEach(DirectCli::close);
    }
  }

  /** Runs {@code call} on 64 sessions for {@code seconds}, taking the CPU time of each process. */
  private static Load load(
      CommandLoop.Call call, int seconds, SimulatorProcess simulator, ServiceProcess service)
      throws Exception {
    long driver = ProcessHandle.current().pid();
    long simulatorBefore = Jvm.cpuMillis(simulator.pid());
    long driverBefore = Jvm.cpuMillis(driver);
    long serviceBefore = Jvm.cpuMillis(service.pid());
    long[] machineBefore = Machine.cpuTicks();
    CommandLoop.Outcome outcome = CommandLoop.concurrent(call, SESSIONS, seconds);
    long[] machine = Machine.cpuTicks();
    double calls = outcome.calls();
    return new Load(
        outcome,
        (Jvm.cpuMillis(simulator.pid()) - simulatorBefore) / calls,
        (Jvm.cpuMillis(driver) - driverBefore) / calls,
        (Jvm.cpuMillis(service.pid()) - serviceBefore) / calls,
        (machine[0] - machineBefore[0]) / (double) (machine[1] - machineBefore[1]));
  }
}
