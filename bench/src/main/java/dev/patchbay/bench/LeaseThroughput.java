package dev.patchbay.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 5: lease acquire + release pairs per second with 32 concurrent clients, each leasing a
 * device of its own (so they contend for the database, not for a device), on the embedded H2 and
 * on PostgreSQL (a throwaway schema, dropped afterwards).
 */
final class LeaseThroughput {

  private static final String SCENARIO = "5 leases";
  private static final int CLIENTS = 32;
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String PG_USER = "postgres";

  /**
   * The OpenAPI document is built in the background after start; on a loaded machine that runs into
   * the measured window and is counted as CPU per pair. Nothing here reads it.
   */
  private static final String NO_PRELOAD = "--springdoc.pre-loading-enabled=false";

  private LeaseThroughput() {}

  static void run(Settings settings, Results results) throws Exception {
    int seconds = settings.pick(20, 5);
    Map<String, Double> cpuPerPair = new java.util.HashMap<>();
    CommandLoop.Outcome h2 =
        measure(settings, "leases-h2", Map.of(), List.of(NO_PRELOAD), seconds, cpuPerPair);
    String schema = "pb_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    CommandLoop.Outcome pg;
    try {
      pg =
          measure(
              settings,
              "leases-pg",
              Map.of(
                  "SPRING_PROFILES_ACTIVE", "postgres",
                  "PATCHBAY_DB_URL", PG_URL + "?currentSchema=" + schema,
                  "PATCHBAY_DB_USER", PG_USER,
                  "PATCHBAY_DB_PASSWORD", ""),
              List.of(
                  NO_PRELOAD,
                  "--spring.flyway.schemas=" + schema,
                  "--spring.flyway.default-schema=" + schema),
              seconds,
              cpuPerPair);
    } finally {
      dropSchema(schema);
    }
    results.add(
        new Results.Row(
            SCENARIO,
            "acquire+release per second, 32 clients (H2 vs PostgreSQL)",
            Results.number(h2.perSecond()) + " (H2)",
            Results.number(pg.perSecond()) + " (PG)",
            Results.ratio(pg.perSecond(), h2.perSecond()) + " PG/H2",
            "—",
            null));
    results.add(
        new Results.Row(
            SCENARIO,
            "acquire+release latency, median / p99 (H2 vs PostgreSQL)",
            h2.latency() + " (H2)",
            pg.latency() + " (PG)",
            Results.ratio(pg.latency().medianMs(), h2.latency().medianMs()) + " PG/H2",
            "—",
            null));
    double h2Cpu = cpuPerPair.get("leases-h2");
    double pgCpu = cpuPerPair.get("leases-pg");
    results.add(
        new Results.Row(
            SCENARIO,
            "service CPU per acquire+release (ms, H2 vs PostgreSQL)",
            Results.number(h2Cpu) + " (H2)",
            Results.number(pgCpu) + " (PG)",
            Results.ratio(pgCpu, h2Cpu) + " PG/H2",
            "—",
            null));
  }

  private static CommandLoop.Outcome measure(
      Settings settings,
      String name,
      Map<String, String> env,
      List<String> args,
      int seconds,
      Map<String, Double> cpuPerPair)
      throws Exception {
    try (ServiceProcess service = ServiceProcess.start(settings, name, env, args);
        PatchbayClient patchbay = new PatchbayClient(service.base(), settings.token())) {
      for (int i = 0; i < CLIENTS; i++) {
        patchbay.createDevice("lease-" + i, 22);
      }
      CommandLoop.Call pair =
          i -> {
            PatchbayClient.Lease lease = patchbay.acquireLease("lease-" + i, "bench-" + i);
            if (lease == null) {
              throw new IllegalStateException("lease-" + i + " is held by someone else");
            }
            patchbay.releaseLease(lease);
          };
      // Until steady: a fixed 15 s measured a JVM whose JIT was still compiling the lease path.
      Warmup.of(settings).concurrent(name, pair, CLIENTS);
      long cpuBefore = Jvm.cpuMillis(service.pid());
      CommandLoop.Outcome outcome = CommandLoop.concurrent(pair, CLIENTS, seconds);
      cpuPerPair.put(name, (Jvm.cpuMillis(service.pid()) - cpuBefore) / (double) outcome.calls());
      return outcome;
    }
  }

  static void dropSchema(String schema) throws Exception {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
