package dev.patchbay.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 3: opens SSH sessions through the manager in steps (1k, 5k, 10k; spread over several
 * simulated devices) and at each level reports heap and RSS per session (after a full GC, against
 * the service before the first session), file descriptors per idle session, the open rate of the
 * step, and execute latency on random live sessions.
 */
final class SessionCapacity {

  private static final String SCENARIO = "3 session capacity";
  private static final int OPENERS = 32;
  private static final long HEAP_TARGET = 100 * 1024;

  private SessionCapacity() {}

  static void run(Settings settings, List<SimulatorProcess.Device> devices, Results results)
      throws Exception {
    int[] levels = settings.quick() ? new int[] {100, 500} : new int[] {1000, 5000, 10_000};
    int executes = settings.pick(300, 50);
    try (ServiceProcess service = ServiceProcess.start(settings, "capacity", Map.of(), List.of());
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      for (SimulatorProcess.Device device : devices) {
        patchbay.createDevice(device.name(), device.port());
      }
      // Warm the paths once so that class loading does not count as per-session memory.
      patchbay.openSession(devices.get(0).name(), "warmup");
      patchbay.execute(devices.get(0).name(), "warmup", "show version");
      patchbay.closeSession(devices.get(0).name(), "warmup");
      Thread.sleep(1000);
      long heapBefore = settings.jvm().heapAfterGc(service.pid());
      long rssBefore = Jvm.rss(service.pid());
      results.note(
          String.format(
              "capacity: service before any session: heap %.0f MiB after GC, RSS %.0f MiB",
              heapBefore / 1048576.0, rssBefore / 1048576.0));
      List<Integer> live = Collections.synchronizedList(new ArrayList<>());
      int open = 0;
      long fdsBefore = Jvm.openFiles(service.pid());
      double fdsPerSession = 0;
      for (int requested : levels) {
        int level =
            withinFileLimit(requested, open, fdsBefore, fdsPerSession, service.pid(), results);
        long started = System.nanoTime();
        boolean complete = openUpTo(patchbay, devices, live, level);
        double rate = (live.size() - open) / ((System.nanoTime() - started) / 1e9);
        open = live.size();
        Thread.sleep(2000);
        long fds = Jvm.openFiles(service.pid()) - fdsBefore;
        fdsPerSession = fds / (double) open;
        long heap = settings.jvm().heapAfterGc(service.pid());
        long rss = Jvm.rss(service.pid());
        double heapPerSession = (heap - heapBefore) / (double) open;
        double rssPerSession = (rss - rssBefore) / (double) open;
        Latency latency = executeOnRandom(patchbay, devices, live, executes);
        String label = String.format("%,d sessions", open);
        results.add(
            new Results.Row(
                SCENARIO,
                label + ": heap / RSS per session (KiB)",
                "—",
                Results.number(heapPerSession / 1024) + " / " + Results.number(rssPerSession / 1024),
                "—",
                "heap < 100 KiB",
                heapPerSession < HEAP_TARGET));
        results.add(
            new Results.Row(
                SCENARIO,
                label + ": file descriptors per idle session (in all)",
                "—",
                String.format("%.2f (%,d)", fdsPerSession, fds),
                "—",
                "—",
                null));
        results.add(
            new Results.Row(
                SCENARIO,
                label + ": open rate (sessions/s, " + OPENERS + " openers)",
                "—",
                Results.number(rate),
                "—",
                "—",
                null));
        results.add(
            new Results.Row(
                SCENARIO,
                label + ": execute latency, median / p99",
                "—",
                latency.toString(),
                "—",
                "—",
                null));
        if (!complete) {
          results.note("capacity: stopped at " + open + " sessions (see the service log)");
          break;
        }
      }
      results.add(
          new Results.Row(
              SCENARIO,
              "live sessions in one instance",
              "—",
              String.format("%,d", open),
              "—",
              settings.quick() ? "10,000 (full run only)" : "10,000",
              settings.quick() ? null : open >= 10_000));
    }
  }

  /**
   * The level to open next: {@code requested}, or less when the service's open-file limit would not
   * allow it at the descriptors per idle session measured at the previous level (sockets, and any
   * other file a session holds).
   */
  private static int withinFileLimit(
      int requested, int open, long fdsBefore, double perSession, long pid, Results results) {
    if (open == 0) {
      return requested;
    }
    long limit = Jvm.openFileLimit(pid);
    int fits = (int) ((limit - fdsBefore - 256) / perSession);
    if (fits >= requested) {
      return requested;
    }
    results.note(
        String.format(
            "capacity: %,d sessions need %.2f file descriptors each; the service's limit of %,d"
                + " (the hard limit here) allows %,d, so the last level is %,d",
            requested, perSession, limit, fits, fits));
    return Math.max(open, fits);
  }

  /**
   * Opens sessions until {@code live} holds {@code to}, with 32 concurrent callers; false when an
   * open failed (then it stops).
   */
  private static boolean openUpTo(
      PatchbayClient patchbay, List<SimulatorProcess.Device> devices, List<Integer> live, int to)
      throws InterruptedException {
    Semaphore slots = new Semaphore(OPENERS);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int index = live.size(); index < to && failure.get() == null; index++) {
      slots.acquire();
      int session = index;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      patchbay.openSession(deviceOf(devices, session), "s" + session);
                      live.add(session);
                    } catch (RuntimeException e) {
                      failure.compareAndSet(null, e);
                    } finally {
                      slots.release();
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      failure.get().printStackTrace();
      return false;
    }
    return true;
  }

  private static Latency executeOnRandom(
      PatchbayClient patchbay,
      List<SimulatorProcess.Device> devices,
      List<Integer> live,
      int count) {
    Samples samples = new Samples();
    for (int i = 0; i < count; i++) {
      int session = live.get(ThreadLocalRandom.current().nextInt(live.size()));
      long begun = System.nanoTime();
      patchbay.execute(deviceOf(devices, session), "s" + session, "show version");
      samples.add(System.nanoTime() - begun);
    }
    return Latency.of(samples.toArray());
  }

  private static String deviceOf(List<SimulatorProcess.Device> devices, int session) {
    return devices.get(session % devices.size()).name();
  }
}
