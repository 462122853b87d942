package dev.patchbay.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.PatchbayApplication;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditEventResponse;
import dev.patchbay.audit.AuditService;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.testsupport.PostgresTestSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances (application contexts, simulator off) on one PostgreSQL schema act as one lease
 * service: a lease granted through A is enforced by B, a waiter on B is served when the lease is
 * released through A, and expiry runs under the cluster-wide sweep lock. Fails, never skips, when
 * PostgreSQL is down.
 */
class LeaseClusterTest {

  private static final PostgresTestSchema SCHEMA = new PostgresTestSchema("leasecluster");
  private static ConfigurableApplicationContext a;
  private static ConfigurableApplicationContext b;

  @BeforeAll
  static void startTwoInstances() {
    a = start("a");
    b = start("b");
  }

  @AfterAll
  static void stop() throws Exception {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    SCHEMA.drop();
  }

  @Test
  void aLeaseGrantedThroughOneInstanceIsEnforcedOnTheOther() {
    String device = device("enforced");
    LeaseResponse lease = service(a).acquire(request(device, "job-a", 60, 0)).block();
    LeaseGuard guardOfB = b.getBean(LeaseGuard.class);

    assertThatThrownBy(() -> guardOfB.checkWrite(device, null, null))
        .isInstanceOfSatisfying(
            PatchbayException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.LOCKED));
    guardOfB.checkWrite(device, header(lease), String.valueOf(lease.fencingToken()));
    assertThatThrownBy(() -> service(b).acquire(request(device, "job-b", 60, 0)).block())
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.LEASE_CONFLICT));

    service(b).release(lease.id(), header(lease));
    LeaseResponse next = service(a).acquire(request(device, "job-a2", 60, 0)).block();
    assertThatThrownBy(
            () -> guardOfB.checkWrite(device, header(next), String.valueOf(lease.fencingToken())))
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.STALE_FENCING_TOKEN));
    service(a).release(next.id(), header(next));
  }

  @Test
  void aWaiterOnOneInstanceIsServedWhenTheLeaseIsReleasedOnTheOther() throws Exception {
    String device = device("waited");
    LeaseResponse held = service(a).acquire(request(device, "job-a", 300, 0)).block();
    CompletableFuture<LeaseResponse> waiting =
        service(b).acquire(request(device, "job-b", 60, 60)).toFuture();
    Thread.sleep(500);
    assertThat(waiting).as("waiter on B while A holds the device").isNotDone();

    long released = System.nanoTime();
    service(a).release(held.id(), header(held));
    LeaseResponse granted = waiting.get(30, TimeUnit.SECONDS);
    Duration woken = Duration.ofNanos(System.nanoTime() - released);

    assertThat(granted.holder()).isEqualTo("job-b");
    assertThat(granted.fencingToken()).isGreaterThan(held.fencingToken());
    // One sweep interval (200 ms here) is the promise; the bound is generous for a loaded machine.
    assertThat(woken).isLessThan(Duration.ofSeconds(10));
    service(b).release(granted.id(), header(granted));
  }

  @Test
  void expiryWaitsForTheClusterWideSweepLockAndHappensOnce() throws Exception {
    String device = device("expiring");
    LeaseResponse lease = service(a).acquire(request(device, "job-a", 1, 0)).block();
    try (Connection other = DriverManager.getConnection(SCHEMA.schemaUrl(), "postgres", "")) {
      lock(other, "select pg_advisory_lock(?)");
      Thread.sleep(1_500);
      // Past its expiry the lease holds nothing, but no instance ends it while the lock is taken.
      assertThat(service(a).get(lease.id(), null).active()).isFalse();
      assertThat(service(b).get(lease.id(), null).endedAt()).isNull();
      lock(other, "select pg_advisory_unlock(?)");
    }
    LeaseResponse ended = awaitEnded(lease.id());
    assertThat(ended.endReason()).isEqualTo(LeaseEndReason.EXPIRED);
    Thread.sleep(600);
    AuditService.Filter expiries =
        new AuditService.Filter(device, null, "lease.expire", null, null, null);
    assertThat(a.getBean(AuditService.class).list(expiries, 0, 50).items())
        .extracting(AuditEventResponse::detail)
        .containsExactly("lease " + lease.id());
  }

  private static void lock(Connection connection, String sql) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, LeaseSweepLock.KEY);
      statement.execute();
    }
  }

  private static LeaseResponse awaitEnded(long id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      LeaseResponse lease = service(b).get(id, null);
      if (lease.endedAt() != null) {
        return lease;
      }
      assertThat(System.nanoTime()).as("lease %d ended", id).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static ConfigurableApplicationContext start(String name) {
    List<String> args = new ArrayList<>();
    SCHEMA.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
    args.add("--server.port=0");
    args.add("--patchbay.cluster.name=" + name);
    args.add("--patchbay.simulator.enabled=false");
    args.add("--patchbay.data-dir=target/test-data/cluster-" + name);
    args.add("--patchbay.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    args.add("--patchbay.lease.sweep-interval=200ms");
    return new SpringApplicationBuilder(PatchbayApplication.class).run(args.toArray(String[]::new));
  }

  private static LeaseService service(ConfigurableApplicationContext instance) {
    return instance.getBean(LeaseService.class);
  }

  private static String device(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    a.getBean(DeviceRepository.class).save(new Device(name));
    return name;
  }

  private static String header(LeaseResponse lease) {
    return lease.id() + ":" + lease.token();
  }

  private static LeaseRequest request(String device, String holder, long ttl, long wait) {
    return new LeaseRequest(List.of(device), null, holder, ttl, wait, "cluster test");
  }
}
