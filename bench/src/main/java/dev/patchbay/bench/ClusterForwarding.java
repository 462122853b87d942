package dev.patchbay.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Scenario 8: two instances on one PostgreSQL schema. An execute sent to the instance that owns
 * the device vs the same execute sent to the other one, which forwards it (side by side, after a
 * warm-up of both): the latency forwarding adds. Then capacity: executes per second on 2 x 16
 * sessions of two devices, both owned by (and called through) one instance, vs each device owned
 * by and called through its own instance.
 */
final class ClusterForwarding {

  private static final String SCENARIO = "8 cluster";
  private static final String COMMAND = "show version";
  private static final int SESSIONS = 16;
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private ClusterForwarding() {}

  static void run(Settings settings, List<SimulatorProcess.Device> devices, Results results)
      throws Exception {
    String schema = "pb_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> env =
        Map.of(
            "SPRING_PROFILES_ACTIVE", "postgres",
            "PATCHBAY_DB_URL", PG_URL + "?currentSchema=" + schema,
            "PATCHBAY_DB_USER", "postgres",
            "PATCHBAY_DB_PASSWORD", "",
            "PATCHBAY_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    List<String> flyway =
        List.of("--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema);
    SimulatorProcess.Device first = devices.get(0);
    SimulatorProcess.Device second = devices.get(1);
    int count = settings.pick(2000, 300);
    int seconds = settings.pick(15, 4);
    Warmup warmup = Warmup.of(settings);
    try (ServiceProcess one =
            ServiceProcess.start(settings, "cluster-one", env, named(flyway, "one"));
        ServiceProcess two =
            ServiceProcess.start(settings, "cluster-two", env, named(flyway, "two"));
        PatchbayClient viaOne = new PatchbayClient(one.base(), settings.token());
        PatchbayClient viaTwo = new PatchbayClient(two.base(), settings.token())) {
      viaOne.createDevice(first.name(), first.port());
      viaOne.createDevice(second.name(), second.port());

      viaOne.openSession(first.name(), "seq");
      CommandLoop.Call owner = i -> viaOne.execute(first.name(), "seq", COMMAND);
      CommandLoop.Call forwarded = i -> viaTwo.execute(first.name(), "seq", COMMAND);
      warmup.sequential("execute through the owner", owner);
      warmup.sequential("execute forwarded by the other instance", forwarded);
      List<Latency> both = CommandLoop.interleaved(List.of(owner, forwarded), count, 100);
      viaOne.closeSession(first.name(), "seq");
      double added = both.get(1).medianMs() - both.get(0).medianMs();
      results.add(
          new Results.Row(
              SCENARIO,
              "execute through the owner vs forwarded by another instance, median / p99 ("
                  + count
                  + " calls each)",
              both.get(0).toString(),
              both.get(1).toString(),
              Results.ratio(both.get(1).medianMs(), both.get(0).medianMs())
                  + ", +"
                  + Results.number(added)
                  + " ms",
              "added median < 1 ms",
              added < 1.0));

      for (int i = 0; i < SESSIONS; i++) {
        viaOne.openSession(first.name(), "c" + i);
        viaOne.openSession(second.name(), "c" + i);
      }
      CommandLoop.Call alone =
          i -> viaOne.execute((i % 2 == 0 ? first : second).name(), "c" + i / 2, COMMAND);
      warmup.concurrent("one instance, 2 devices", alone, 2 * SESSIONS);
      CommandLoop.Outcome single = CommandLoop.concurrent(alone, 2 * SESSIONS, seconds);
      for (int i = 0; i < SESSIONS; i++) {
        viaOne.closeSession(second.name(), "c" + i);
      }
      for (int i = 0; i < SESSIONS; i++) {
        viaTwo.openSession(second.name(), "c" + i);
      }
      CommandLoop.Call split =
          i ->
              (i % 2 == 0 ? viaOne : viaTwo)
                  .execute((i % 2 == 0 ? first : second).name(), "c" + i / 2, COMMAND);
      warmup.concurrent("two instances, a device each", split, 2 * SESSIONS);
      CommandLoop.Outcome pair = CommandLoop.concurrent(split, 2 * SESSIONS, seconds);
      results.add(
          new Results.Row(
              SCENARIO,
              "executes/s on 2 x " + SESSIONS + " sessions: one instance vs two instances",
              Results.number(single.perSecond()),
              Results.number(pair.perSecond()),
              Results.ratio(pair.perSecond(), single.perSecond()),
              "—",
              null));
      results.add(
          new Results.Row(
              SCENARIO,
              "latency at 2 x " + SESSIONS + " sessions, median / p99: one vs two instances",
              single.latency().toString(),
              pair.latency().toString(),
              Results.ratio(pair.latency().medianMs(), single.latency().medianMs()),
              "—",
              null));
    } finally {
      LeaseThroughput.dropSchema(schema);
    }
  }

  private static List<String> named(List<String> flyway, String name) {
    return Stream.concat(flyway.stream(), Stream.of("--patchbay.cluster.name=" + name)).toList();
  }
}
