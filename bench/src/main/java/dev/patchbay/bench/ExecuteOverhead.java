package dev.patchbay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;

/**
 * Scenario 1: {@code show version} through REST execute against the same command through a direct
 * MINA SSHD client on the same simulated device, one session sequentially (also in batches of 50
 * commands per execute-batch call) and 64 sessions at once. Every loop is timed after a {@link
 * Warmup}.
 */
final class ExecuteOverhead {

  private static final String SCENARIO = "1 execute overhead";
  private static final String COMMAND = "show version";
  private static final int SESSIONS = 64;
  private static final int BATCH = 50;

  private ExecuteOverhead() {}

  static void run(Settings settings, SimulatorProcess.Device device, Results results)
      throws Exception {
    Warmup warmup = Warmup.of(settings);
    int count = settings.pick(3000, 300);
    int seconds = settings.pick(20, 4);
    SshClient ssh = DirectCli.newClient();
    try (ServiceProcess service = ServiceProcess.start(settings, "execute", Map.of(), List.of())) {
      PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token());
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
      Latency viaRest = CommandLoop.sequential(execute, count);
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

      List<DirectCli> clis = new ArrayList<>();
      CommandLoop.Outcome directLoad;
      try {
        for (int i = 0; i < SESSIONS; i++) {
          clis.add(DirectCli.open(ssh, device));
        }
        CommandLoop.Call call = i -> clis.get(i).execute(COMMAND);
        warmup.concurrent("direct, 64 sessions", call, SESSIONS);
        directLoad = CommandLoop.concurrent(call, SESSIONS, seconds);
      } finally {
        clis.forEach(DirectCli::close);
      }
      for (int i = 0; i < SESSIONS; i++) {
        patchbay.openSession(device.name(), "c" + i);
      }
      CommandLoop.Call executes = i -> patchbay.execute(device.name(), "c" + i, COMMAND);
      warmup.concurrent("REST execute, 64 sessions", executes, SESSIONS);
      long cpuBefore = Jvm.cpuMillis(service.pid());
      CommandLoop.Outcome restLoad = CommandLoop.concurrent(executes, SESSIONS, seconds);
      double cpuPerExecute = (Jvm.cpuMillis(service.pid()) - cpuBefore) / (double) restLoad.calls();
      double share = restLoad.perSecond() / directLoad.perSecond();
      results.add(
          new Results.Row(
              SCENARIO,
              "throughput, 64 sessions (commands/s)",
              Results.number(directLoad.perSecond()),
              Results.number(restLoad.perSecond()),
              Results.ratio(restLoad.perSecond(), directLoad.perSecond()),
              "≥ 0.80× direct",
              share >= 0.8));
      results.add(
          new Results.Row(
              SCENARIO,
              "latency, 64 sessions, median / p99",
              directLoad.latency().toString(),
              restLoad.latency().toString(),
              Results.ratio(restLoad.latency().medianMs(), directLoad.latency().medianMs()),
              "—",
              null));
      results.add(
          new Results.Row(
              SCENARIO,
              "service CPU per execute, 64 sessions (ms)",
              "—",
              Results.number(cpuPerExecute),
              "—",
              "—",
              null));
    } finally {
      ssh.stop();
    }
  }
}
