package dev.patchbay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.SshClient;

/**
 * Scenario 4: a simulated device floods 10 MiB ({@code show tech-support}); throughput to 1 and 10
 * WebSocket viewers against reading the same output from an SSH channel directly, and the
 * service's peak memory while one viewer reads slowly.
 */
final class TerminalStreaming {

  private static final String SCENARIO = "4 terminal streaming";
  private static final String FLOOD = "show tech-support";
  private static final long FLOOD_BYTES = 10L * 1024 * 1024;
  private static final long SLOW_PAUSE_MICROS = 10_000;

  private TerminalStreaming() {}

  static void run(Settings settings, SimulatorProcess.Device device, Results results)
      throws Exception {
    int repeats = settings.pick(5, 2);
    double direct = direct(device, repeats);
    try (ServiceProcess service =
        ServiceProcess.start(settings, "streaming", Map.of(), List.of());
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      patchbay.createDevice(device.name(), device.port());
      patchbay.openSession(device.name(), "flood");
      for (int viewers : new int[] {1, 10}) {
        double[] rates = viewers(patchbay, device, viewers, repeats);
        results.add(
            new Results.Row(
                SCENARIO,
                viewers == 1
                    ? "1 viewer (MB/s)"
                    : viewers + " viewers, slowest viewer (MB/s; aggregate " + Results.number(rates[1]) + ")",
                Results.number(direct),
                Results.number(rates[0]),
                Results.ratio(rates[0], direct),
                "—",
                null));
      }
      slowViewer(settings, service, patchbay, device, results);
    }
  }

  /** MB/s of the flood read from a direct SSH shell (median of the repeats). */
  private static double direct(SimulatorProcess.Device device, int repeats) throws Exception {
    SshClient ssh = DirectCli.newClient();
    try (DirectCli cli = DirectCli.open(ssh, device)) {
      cli.execute(FLOOD);
      double[] rates = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        long begun = System.nanoTime();
        long bytes = cli.execute(FLOOD);
        rates[i] = bytes / 1e6 / ((System.nanoTime() - begun) / 1e9);
      }
      return median(rates);
    } finally {
      ssh.stop();
    }
  }

  /** Median over the repeats of {slowest viewer MB/s, aggregate MB/s}. */
  private static double[] viewers(
      PatchbayClient patchbay, SimulatorProcess.Device device, int count, int repeats)
      throws Exception {
    List<TerminalViewer> viewers = attach(patchbay, device, count, 0);
    try {
      flood(viewers);
      double[] slowest = new double[repeats];
      double[] aggregate = new double[repeats];
      for (int r = 0; r < repeats; r++) {
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
      }
      return new double[] {median(slowest), median(aggregate)};
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
    List<TerminalViewer> viewers = attach(patchbay, device, 1, SLOW_PAUSE_MICROS);
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
      PatchbayClient patchbay, SimulatorProcess.Device device, int count, long pauseMicros)
      throws Exception {
    List<TerminalViewer> viewers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TerminalViewer viewer = new TerminalViewer(pauseMicros);
      patchbay.attachTerminal(device.name(), "flood", viewer).join();
      viewer.awaitAttached();
      viewers.add(viewer);
    }
    Thread.sleep(500);
    return viewers;
  }

  /** Types the flood command in the first viewer after arming all of them; returns when. */
  private static long flood(List<TerminalViewer> viewers) throws InterruptedException {
    Thread.sleep(300);
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
