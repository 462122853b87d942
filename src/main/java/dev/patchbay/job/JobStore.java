package dev.patchbay.job;

import dev.patchbay.cluster.InstanceIdentity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs and their per-device rows in the database (H2 or PostgreSQL), written with plain JDBC: a
 * job's rows change one device at a time while it runs, and are read whole. Blocking.
 */
@Component
class JobStore {

  private static final TypeReference<List<CommandOutcome>> OUTCOMES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final JsonMapper json = JsonMapper.builder().build();

  private final InstanceIdentity instance;

  JobStore(DataSource dataSource, TransactionTemplate tx, InstanceIdentity instance) {
    this.instance = instance;
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = tx;
  }

  /**
   * Stores a new job, {@code QUEUED}, with one {@code QUEUED} row per device, stamped with this
   * instance, which runs it.
   */
  void insert(
      String id,
      JobKind kind,
      String actor,
      JobRequest request,
      List<String> devices,
      List<String> testbeds,
      Instant now) {
    tx.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "INSERT INTO job (id, state, kind, actor, request, testbeds, device_count,"
                      + " created_at, webhook_url, webhook_status, instance_id)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")
              .params(
                  id,
                  JobState.QUEUED.name(),
                  kind.name(),
                  actor,
                  json.writeValueAsString(request.withoutSecret()),
                  "," + String.join(",", testbeds) + ",",
                  devices.size(),
                  time(now),
                  request.webhook() == null ? null : request.webhook().url(),
                  request.webhook() == null ? null : "pending",
                  instance.id())
              .update();
          for (int i = 0; i < devices.size(); i++) {
            jdbc.sql("INSERT INTO job_device (job_id, position, device, state) VALUES (?,?,?,?)")
                .params(id, i, devices.get(i), JobDeviceState.QUEUED.name())
                .update();
          }
        });
  }

  void started(String id, Instant at) {
    jdbc.sql("UPDATE job SET state = ?, started_at = ? WHERE id = ? AND state = ?")
        .params(JobState.RUNNING.name(), time(at), id, JobState.QUEUED.name())
        .update();
  }

  void device(String id, int position, JobDeviceResult result) {
    jdbc.sql(
            "UPDATE job_device SET state = ?, alias = ?, results = ?, problem_type = ?,"
                + " problem_detail = ?, started_at = ?, finished_at = ? WHERE job_id = ? AND"
                + " position = ?")
        .params(
            result.state().name(),
            result.alias(),
            result.results() == null ? null : json.writeValueAsString(result.results()),
            result.problemType(),
            cut(result.problemDetail(), 4000),
            time(result.startedAt()),
            time(result.finishedAt()),
            id,
            position)
        .update();
  }

  void finished(String id, JobState state, String reason, Instant at) {
    jdbc.sql("UPDATE job SET state = ?, reason = ?, finished_at = ? WHERE id = ?")
        .params(state.name(), cut(reason, 2000), time(at), id)
        .update();
  }

  void webhookStatus(String id, String status) {
    jdbc.sql("UPDATE job SET webhook_status = ? WHERE id = ?")
        .params(cut(status, 2000), id)
        .update();
  }

  /** The job with its devices in order. */
  Optional<JobResponse> find(String id) {
    return jdbc.sql("SELECT * FROM job WHERE id = ?")
        .param(id)
        .query(
            (row, n) -> {
              List<JobDeviceResult> devices = devices(id);
              return job(
                  row,
                  devices,
                  JobCounts.of(devices.stream().map(JobDeviceResult::state).toList()));
            })
        .optional();
  }

  /** The testbeds a job's devices belong to ("" for none). */
  Optional<List<String>> testbeds(String id) {
    return jdbc.sql("SELECT testbeds FROM job WHERE id = ?")
        .param(id)
        .query((row, n) -> testbedList(row.getString(1)))
        .optional();
  }

  /** Jobs newest first, optionally in one state, with the testbeds each reaches. */
  List<Listed> list(JobState state) {
    String where = state == null ? "" : " WHERE j.state = ?";
    List<Object> params = state == null ? List.of() : List.of(state.name());
    Map<String, int[]> counts = new HashMap<>();
    jdbc.sql(
            "SELECT d.job_id, d.state, COUNT(*) FROM job_device d JOIN job j ON j.id = d.job_id"
                + where
                + " GROUP BY d.job_id, d.state")
        .params(params)
        .query(
            row -> {
              int[] n =
                  counts.computeIfAbsent(
                      row.getString(1), id -> new int[JobDeviceState.values().length]);
              n[JobDeviceState.valueOf(row.getString(2)).ordinal()] = row.getInt(3);
            });
    return jdbc.sql("SELECT j.* FROM job j" + where + " ORDER BY j.created_at DESC, j.id")
        .params(params)
        .query(
            (row, n) ->
                new Listed(
                    job(
                        row,
                        null,
                        JobCounts.of(
                            counts.getOrDefault(
                                row.getString("id"), new int[JobDeviceState.values().length]))),
                    testbedList(row.getString("testbeds"))))
        .list();
  }

  /** A listed job (without devices, counts from the device rows) and the testbeds it reaches. */
  record Listed(JobResponse job, List<String> testbeds) {}

  /**
   * Ends the jobs instance {@code instanceId} left unfinished (null: those stored before jobs were
   * stamped with their instance), their devices not run cancelled with {@code problemType}; returns
   * their ids.
   */
  List<String> failUnfinished(String instanceId, String problemType, String reason, Instant at) {
    return tx.execute(
        status -> {
          List<String> ids =
              jdbc.sql(
                      "SELECT id FROM job WHERE state IN (?, ?) AND "
                          + (instanceId == null ? "instance_id IS NULL" : "instance_id = ?"))
                  .params(
                      instanceId == null
                          ? List.of(JobState.QUEUED.name(), JobState.RUNNING.name())
                          : List.of(JobState.QUEUED.name(), JobState.RUNNING.name(), instanceId))
                  .query(String.class)
                  .list();
          for (String id : ids) {
            jdbc.sql(
                    "UPDATE job_device SET state = ?, problem_type = ?, problem_detail = ?,"
                        + " finished_at = ? WHERE job_id = ? AND state IN (?, ?)")
                .params(
                    JobDeviceState.CANCELLED.name(),
                    problemType,
                    reason,
                    time(at),
                    id,
                    JobDeviceState.QUEUED.name(),
                    JobDeviceState.RUNNING.name())
                .update();
            finished(id, JobState.FAILED, reason, at);
          }
          return ids;
        });
  }

  /** Deletes jobs that ended before {@code before}; returns how many. */
  int deleteEndedBefore(Instant before) {
    return jdbc.sql("DELETE FROM job WHERE finished_at IS NOT NULL AND finished_at < ?")
        .param(time(before))
        .update();
  }

  private List<JobDeviceResult> devices(String id) {
    return jdbc.sql("SELECT * FROM job_device WHERE job_id = ? ORDER BY position")
        .param(id)
        .query((row, n) -> deviceRow(row))
        .list();
  }

  private JobDeviceResult deviceRow(ResultSet row) throws SQLException {
    String results = row.getString("results");
    return new JobDeviceResult(
        row.getString("device"),
        JobDeviceState.valueOf(row.getString("state")),
        row.getString("alias"),
        results == null ? null : json.readValue(results, OUTCOMES),
        row.getString("problem_type"),
        row.getString("problem_detail"),
        instant(row, "started_at"),
        instant(row, "finished_at"));
  }

  private JobResponse job(ResultSet row, List<JobDeviceResult> devices, JobCounts counts)
      throws SQLException {
    return new JobResponse(
        row.getString("id"),
        JobState.valueOf(row.getString("state")),
        JobKind.valueOf(row.getString("kind")),
        row.getString("actor"),
        instant(row, "created_at"),
        instant(row, "started_at"),
        instant(row, "finished_at"),
        row.getString("reason"),
        counts,
        row.getString("webhook_status"),
        json.readValue(row.getString("request"), JobRequest.class),
        devices);
  }

  private static List<String> testbedList(String column) {
    List<String> testbeds = new ArrayList<>();
    for (String t : column.split(",", -1)) {
      testbeds.add(t);
    }
    return testbeds.size() >= 2 ? testbeds.subList(1, testbeds.size() - 1) : List.of();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
