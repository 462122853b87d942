package dev.patchbay.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.cluster.InstanceIdentity;
import dev.patchbay.manager.ExecuteCommandRequest;
import dev.patchbay.testsupport.ApiContextTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The job store on a real database: a job and its device rows written and read back whole (JSON
 * results, times, the request without the webhook secret), listing by state with the testbeds each
 * job reaches, the restart sweep, and retention. Subclasses choose the database.
 */
@ApiContextTest
abstract class JobStoreTestSupport {

  @Autowired JobStore store;

  @Autowired InstanceIdentity instance;

  private static JobRequest request() {
    return new JobRequest(
        List.of("r1", "r2"),
        null,
        null,
        null,
        null,
        List.of(new ExecuteCommandRequest("show version", 30, null, null, null, null, null)),
        null,
        null,
        4,
        null,
        null,
        new JobWebhook("https://ci.example.com/h", "never-stored-secret"));
  }

  @Test
  void writesAndReadsAJobWhole() {
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    store.insert(
        id, JobKind.EXECUTE, "ci", request(), List.of("r1", "r2"), List.of("lab", ""), now);
    store.started(id, now);
    store.device(
        id,
        0,
        new JobDeviceResult(
            "r1",
            JobDeviceState.SUCCEEDED,
            "job_x",
            List.of(CommandOutcome.ok("show version", "Cisco IOS XE Software ✓", "r1#", 12, 1000)),
            null,
            null,
            now,
            now.plusMillis(12)));
    store.device(
        id,
        1,
        new JobDeviceResult(
            "r2",
            JobDeviceState.FAILED,
            null,
            List.of(),
            "https://patchbay.dev/problems/device-unreachable",
            "connection refused",
            now,
            now));
    store.finished(id, JobState.PARTIAL, "1 of 2", now.plusSeconds(1));

    JobResponse job = store.find(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.PARTIAL);
    assertThat(job.kind()).isEqualTo(JobKind.EXECUTE);
    assertThat(job.createdAt()).isEqualTo(now);
    assertThat(job.finishedAt()).isEqualTo(now.plusSeconds(1));
    assertThat(job.counts()).isEqualTo(new JobCounts(2, 0, 0, 1, 1, 0));
    assertThat(job.request().webhook().url()).isEqualTo("https://ci.example.com/h");
    assertThat(job.request().webhook().secret()).isNull();
    assertThat(job.webhookStatus()).isEqualTo("pending");
    assertThat(job.devices().get(0).results().get(0).output()).isEqualTo("Cisco IOS XE Software ✓");
    assertThat(job.devices().get(1).problemType()).endsWith("device-unreachable");
    assertThat(store.testbeds(id)).contains(List.of("lab", ""));
    assertThat(store.list(JobState.PARTIAL))
        .anySatisfy(
            listed -> {
              assertThat(listed.job().id()).isEqualTo(id);
              assertThat(listed.job().devices()).isNull();
              assertThat(listed.job().counts().failed()).isEqualTo(1);
            });
  }

  @Test
  void unfinishedJobsAreFailedAndOldOnesDeleted() {
    String running = UUID.randomUUID().toString();
    String old = UUID.randomUUID().toString();
    Instant now = Instant.now();
    store.insert(running, JobKind.CONNECT, "ci", request(), List.of("a", "b"), List.of(""), now);
    store.started(running, now);
    store.insert(old, JobKind.CONNECT, "ci", request(), List.of("a"), List.of(""), now);
    store.finished(old, JobState.SUCCEEDED, null, now.minus(30, ChronoUnit.DAYS));

    String otherInstance = UUID.randomUUID().toString();
    assertThat(store.failUnfinished(otherInstance, "instance-lost", "instance-lost: test", now))
        .doesNotContain(running);
    assertThat(store.failUnfinished(instance.id(), "instance-lost", "instance-lost: test", now))
        .contains(running);
    JobResponse failed = store.find(running).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.devices())
        .allSatisfy(d -> assertThat(d.state()).isEqualTo(JobDeviceState.CANCELLED));

    assertThat(store.deleteEndedBefore(now.minus(7, ChronoUnit.DAYS))).isGreaterThanOrEqualTo(1);
    assertThat(store.find(old)).isEmpty();
    assertThat(store.find(running)).isPresent();
  }
}
