package dev.patchbay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.SshClient;

/**
 * Scenario 4: a simulated device floods 10 MiB ({@code show tech-support}); throughput to 1 viewer
 * that never acknowledges and to 1 and 10 viewers that acknowledge output (timed from typing the
 * command, after floods until steady) against reading the same output from an SSH channel
 * directly, and the service's peak memory while one viewer reads slowly.
 */
final class TerminalStreaming {

  private static final String SCENARIO = "4 terminal streaming";
  private static final String FLOOD = "show tech-support";
  private static final long FLOOD_BYTES = 10L * 1024 * 1024;
  private static final long SLOW_PAUSE_MICROS = 10_000;
  private static final int MIN_WARM = 3;
  private static final int MAX_WARM = 15;

  private TerminalStreaming() {}

  static void run(Settings settings, SimulatorProcess.Device device, Results results)
      throws Exception {
    int repeats = settings.pick(7, 3);
    SshClient ssh = DirectCli.newClient();
    try (DirectCli direct = DirectCli.open(ssh, device);
        ServiceProcess service = ServiceProcess.start(settings, "streaming", Map.of(), List.of());
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      direct.execute(FLOOD);
      patchbay.createDevice(device.name(), device.port());
      patchbay.openSession(device.name(), "flood");
      Rates unacked = viewers(patchbay, device, direct, 1, false, repeats);
      results.add(
          row("1 viewer that never acknowledges (MB/s; clients before flow control)", unacked, null));
      for (int viewers : new int[] {1, 10}) {
        Rates rates = viewers(patchbay, device, direct, viewers, true, repeats);
        results.add(
            row(
                viewers == 1
                    ? "1 viewer acknowledging every 32 KiB (MB/s)"
                    : viewers
                        + " viewers acknowledging, slowest viewer (MB/s; aggregate "
                        + Results.number(rates.aggregate())
                        + ")",
                rates,
                viewers == 1 ? 0.5 : null));
      }
      slowViewer(settings, service, patchbay, device, results);
    } finally {
      ssh.stop();
    }
  }

  /**
   * Medians over the repeats: the slowest viewer's and the direct channel's MB/s, the viewers'
   * aggregate, and the ratio of each repeat's pair (a direct flood right before the viewers' one,
   * so that both see the same machine load).
   */
  private record Rates(double slowest, double aggregate, double direct, double ratio) {}

  private static Results.Row row(String metric, Rates rates, Double target) {
    return new Results.Row(
        SCENARIO,
        metric,
        Results.number(rates.direct()),
        Results.number(rates.slowest()),
        Results.number(rates.ratio()) + "× (median of pairs)",
        target == null ? "—" : "≥ " + Results.number(target) + "× direct",
        target == null ? null : rates.ratio() >= target);
  }

  /** MB/s of one flood read from the direct SSH shell. */
  private static double direct(DirectCli cli) throws Exception {
    long begun = System.nanoTime();
    long bytes = cli.execute(FLOOD);
    return bytes / 1e6 / ((System.nanoTime() - begun) / 1e9);
  }

  /** Paired floods (direct, then through the viewers) after floods until steady. */
  private static Rates viewers(
      PatchbayClient patchbay,
      SimulatorProcess.Device device,
      DirectCli direct,
      int count,
      boolean acknowledging,
      int repeats)
      throws Exception {
    List<TerminalViewer> viewers = attach(patchbay, device, count, 0, acknowledging);
    try {
      warm(viewers, count + (acknowledging ? " acknowledging" : "") + " viewer(s)");
      double[] slowest = new double[repeats];
      double[] aggregate = new double[repeats];
      double[] directs = new double[repeats];
      double[] ratios = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        directs[r] = direct(direct);
        long begun = flood(viewers);
        double min = Double.MAX_VALUE;
        long bytes = 0;
        long last = begun;
        for (TerminalViewer viewer : viewers) {
          long at = viewer.awaitBytes();
          min = Math.min(min, viewer.delivered() / 1e6 / ((at - begun) / 1e9));
          bytes += viewer.delivered();
          last = Math.max(last, at);
        }
        slowest[r] = min;
        aggregate[r] = bytes / 1e6 / ((last - begun) / 1e9);
        ratios[r] = min / directs[r];
      }
      return new Rates(median(slowest), median(aggregate), median(directs), median(ratios));
    } finally {
      viewers.forEach(TerminalViewer::close);
    }
  }

  /** Peak heap and RSS of the service while one viewer reads the flood slowly. */
  private static void slowViewer(
      Settings settings,
      ServiceProcess service,
      PatchbayClient patchbay,
      SimulatorProcess.Device device,
      Results results)
      throws Exception {
    Thread.sleep(1000);
    long heapBefore = settings.jvm().heapAfterGc(service.pid());
    long rssBefore = Jvm.rss(service.pid());
    AtomicLong peakRss = new AtomicLong(rssBefore);
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (sampling.get()) {
                    peakRss.accumulateAndGet(Jvm.rss(service.pid()), Math::max);
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    List<TerminalViewer> viewers = attach(patchbay, device, 1, SLOW_PAUSE_MICROS, true);
    TerminalViewer slow = viewers.get(0);
    long begun = flood(viewers);
    long end = slow.awaitBytes();
    sampling.set(false);
    sampler.join();
    long heapPeak = settings.jvm().heapUsed(service.pid());
    slow.close();
    Thread.sleep(1000);
    long heapAfter = settings.jvm().heapAfterGc(service.pid());
    results.add(
        new Results.Row(
            SCENARIO,
            "slow viewer (≤ 0.8 MB/s): delivered / skipped MB, "
                + Results.number((end - begun) / 1e9)
                + " s",
            "—",
            Results.number(slow.delivered() / 1e6) + " / " + Results.number(slow.skipped() / 1e6),
            "—",
            "—",
            null));
    results.add(
        new Results.Row(
            SCENARIO,
            "slow viewer: RSS growth at peak / heap retained after GC (MiB)",
            "—",
            Results.number((peakRss.get() - rssBefore) / 1048576.0)
                + " / "
                + Results.number((heapAfter - heapBefore) / 1048576.0),
            "—",
            "—",
            null));
    results.note(
        String.format(
            "streaming: heap in use right after the slow-viewer flood (before GC) %.0f MiB;"
                + " before it, after GC, %.0f MiB",
            heapPeak / 1048576.0, heapBefore / 1048576.0));
  }

  private static List<TerminalViewer> attach(
      PatchbayClient patchbay,
      SimulatorProcess.Device device,
      int count,
      long pauseMicros,
      boolean acknowledging)
      throws Exception {
    List<TerminalViewer> viewers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TerminalViewer viewer = new TerminalViewer(pauseMicros, acknowledging);
      patchbay.attachTerminal(device.name(), "flood", viewer).join();
      viewer.awaitAttached();
      viewers.add(viewer);
    }
    Thread.sleep(500);
    return viewers;
  }

  /**
   * Floods until two in a row agree within 5 % on the slowest viewer's rate (at least {@value
   * #MIN_WARM}, at most {@value #MAX_WARM}): the first floods measure a cold JIT.
   */
  private static void warm(List<TerminalViewer> viewers, String name) throws Exception {
    double previous = Double.NaN;
    StringBuilder trace = new StringBuilder();
    for (int i = 1; i <= MAX_WARM; i++) {
      long begun = flood(viewers);
      double rate = Double.MAX_VALUE;
      for (TerminalViewer viewer : viewers) {
        rate = Math.min(rate, viewer.delivered() / 1e6 / ((viewer.awaitBytes() - begun) / 1e9));
      }
      trace.append(trace.isEmpty() ? "" : ", ").append(Results.number(rate));
      if (i >= MIN_WARM && Math.abs(rate - previous) < 0.05 * previous) {
        break;
      }
      previous = rate;
    }
    System.out.printf("  warm-up %s: floods at %s MB/s%n", name, trace);
  }

  /**
   * Takes write control in the first viewer, arms all of them and types the flood command;
   * returns when it was typed.
   */
  private static long flood(List<TerminalViewer> viewers) throws InterruptedException {
    Thread.sleep(300);
    viewers.get(0).takeWrite();
    viewers.forEach(v -> v.expect(FLOOD_BYTES));
    long begun = System.nanoTime();
    viewers.get(0).type(FLOOD);
    for (TerminalViewer viewer : viewers) {
      viewer.awaitBytes();
    }
    return begun;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
