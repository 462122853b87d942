package dev.patchbay.lease;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The lease API over HTTP on H2: life cycle, all-or-nothing, waiting, expiry and validation. */
@ExtendWith(OutputCaptureExtension.class)
class LeaseApiTest extends LeaseApiTestSupport {

  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  @Autowired LeaseQueue queue;
  @Autowired TransactionTemplate transactions;
  @PersistenceContext EntityManager em;

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void acquireRenewGetListRelease() {
    String a = unique("a");
    String b = unique("b");
    devices(a, b);
    JsonNode lease = body(acquire("job-1", 60, 0, b, a, a), 201);
    long id = lease.path("id").asLong();
    assertThat(lease.path("token").asString()).hasSizeGreaterThan(30);
    assertThat(lease.path("fencingToken").asLong()).isPositive();
    assertThat(lease.path("devices")).hasSize(2);
    assertThat(lease.path("holder").asString()).isEqualTo("job-1");
    assertThat(lease.path("reason").asString()).isEqualTo("test");
    assertThat(lease.path("active").asBoolean()).isTrue();
    Instant expires = Instant.parse(lease.path("expiresAt").asString());

    JsonNode read = body(send("GET", "/api/v1/leases/" + id, null, Map.of()), 200);
    assertThat(read.has("token")).isFalse();
    assertThat(read.path("expiresAt").asString()).isEqualTo(lease.path("expiresAt").asString());

    JsonNode listed =
        body(send("GET", "/api/v1/leases?active=true&device=" + a, null, Map.of()), 200);
    assertThat(listed.path("items")).hasSize(1);
    assertThat(listed.path("items").get(0).path("id").asLong()).isEqualTo(id);
    assertThat(listed.path("items").get(0).has("token")).isFalse();
    assertThat(
            body(send("GET", "/api/v1/leases?holder=job-1&active=false", null, Map.of()), 200)
                .path("items"))
        .noneMatch(item -> item.path("id").asLong() == id);

    JsonNode renewed =
        body(
            send(
                "POST",
                "/api/v1/leases/" + id + "/renew",
                "{\"ttlSeconds\": 600}",
                leaseHeader(lease)),
            200);
    assertThat(Instant.parse(renewed.path("expiresAt").asString())).isAfter(expires);
    assertThat(renewed.has("token")).isFalse();
    body(send("POST", "/api/v1/leases/" + id + "/renew", null, leaseHeader(lease)), 200);
    problem(send("POST", "/api/v1/leases/" + id + "/renew", "{}", Map.of()), 403, "lease-token");
    problem(
        send(
            "POST",
            "/api/v1/leases/" + id + "/renew",
            "{}",
            Map.of("Patchbay-Lease", id + ":nope")),
        403,
        "lease-token");
    problem(
        send("POST", "/api/v1/leases/" + id + "/renew", "{\"ttlSeconds\": 0}", leaseHeader(lease)),
        400,
        "validation",
        "ttlSeconds");
    problem(
        send("DELETE", "/api/v1/leases/" + id, null, Map.of("Patchbay-Lease", id + ":x")),
        403,
        "lease-token");
    problem(send("GET", "/api/v1/leases/999999999", null, Map.of()), 404, "not-found");

    release(lease).expectStatus().isNoContent();
    release(lease).expectStatus().isNoContent();
    JsonNode ended = body(send("GET", "/api/v1/leases/" + id, null, Map.of()), 200);
    assertThat(ended.path("active").asBoolean()).isFalse();
    assertThat(ended.path("endReason").asString()).isEqualTo("RELEASED");
    problem(
        send("POST", "/api/v1/leases/" + id + "/renew", "{}", leaseHeader(lease)),
        410,
        "lease-ended");

    JsonNode next = granted("job-2", 60, 0, a);
    assertThat(next.path("fencingToken").asLong())
        .isGreaterThan(lease.path("fencingToken").asLong());
    release(next).expectStatus().isNoContent();
  }

  @Test
  void aRetryWithItsIdempotencyKeyGetsTheFirstGrant() {
    idempotentRetryScenario();
  }

  @Test
  void anAdminEndsAnyLeaseWithoutItsTokenAndIsAudited(CapturedOutput output) {
    String device = unique("forced");
    devices(device);
    JsonNode lease = granted("lost-token-job", 300, 0, device);
    String uri = "/api/v1/leases/" + lease.path("id").asLong() + "?force=true";
    String operator =
        body(
                send(
                    "POST",
                    "/api/v1/tokens",
                    "{\"name\": \"%s\", \"role\": \"OPERATOR\"}".formatted(unique("op")),
                    Map.of()),
                201)
            .path("token")
            .asString();
    client
        .mutate()
        .defaultHeaders(headers -> headers.setBearerAuth(operator))
        .build()
        .delete()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "forbidden");
    problem(send("DELETE", uri.replace("?force=true", ""), null, Map.of()), 403, "lease-token");

    String requestId = unique("req");
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String traceparent =
        send(
                "DELETE",
                uri,
                null,
                Map.of(
                    "X-Request-Id",
                    requestId,
                    "traceparent",
                    "00-" + traceId + "-00f067aa0ba902b7-01"))
            .expectStatus()
            .isNoContent()
            .expectHeader()
            .valueEquals("X-Request-Id", requestId)
            .returnResult(Void.class)
            .getResponseHeaders()
            .getFirst("traceparent");
    assertThat(traceparent)
        .as("the caller's trace is continued in a span of its own")
        .matches("00-" + traceId + "-[0-9a-f]{16}-01")
        .doesNotContain("00f067aa0ba902b7");
    assertThat(output.getOut())
        .as("the log line of the forced release names the request and its trace")
        .containsPattern(
            "\\["
                + requestId
                + " "
                + traceId
                + "\\] .*lease "
                + lease.path("id").asLong()
                + " ended");
    assertThat(
            send("GET", "/api/v1/leases/" + lease.path("id").asLong(), null, Map.of())
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst("traceparent"))
        .as("a request without traceparent starts a trace, not sampled by default")
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00")
        .doesNotContain(traceId);
    JsonNode ended =
        body(send("GET", "/api/v1/leases/" + lease.path("id").asLong(), null, Map.of()), 200);
    assertThat(ended.path("active").asBoolean()).isFalse();
    assertThat(ended.path("endReason").asString()).isEqualTo("FORCED");
    granted("next-job", 60, 0, device);
    JsonNode audit =
        body(
            send(
                "GET", "/api/v1/audit?action=lease.force-release&device=" + device, null, Map.of()),
            200);
    assertThat(audit.path("items")).hasSize(1);
    assertThat(audit.path("items").get(0).path("detail").asString())
        .contains("lost-token-job", "ended by admin");
  }

  @Test
  void grantsAllDevicesOrNone() {
    String a = unique("a");
    String b = unique("b");
    devices(a, b);
    JsonNode holderOfB = granted("job-b", 60, 0, b);
    JsonNode refused = problem(acquire("job-ab", 60, 0, a, b), 409, "lease-conflict");
    assertThat(refused.path("device").asString()).isEqualTo(b);
    assertThat(refused.path("holder").asString()).isEqualTo("job-b");
    assertThat(refused.path("expiresAt").asString())
        .isEqualTo(holderOfB.path("expiresAt").asString());
    JsonNode onlyA = granted("job-a", 60, 0, a);
    release(onlyA).expectStatus().isNoContent();
    release(holderOfB).expectStatus().isNoContent();
  }

  @Test
  void waitersAreServedFirstComeFirstServedWhenTheHolderReleases() throws Exception {
    String a = unique("a");
    devices(a);
    JsonNode holder = granted("holder", 60, 0, a);
    CompletableFuture<JsonNode> first = async(() -> granted("first", 60, 30, a));
    awaitWaiting(1);
    CompletableFuture<JsonNode> second = async(() -> granted("second", 60, 30, a));
    awaitWaiting(2);

    release(holder).expectStatus().isNoContent();
    JsonNode firstLease = first.get(20, TimeUnit.SECONDS);
    Thread.sleep(300);
    assertThat(second).isNotDone();
    release(firstLease).expectStatus().isNoContent();
    JsonNode secondLease = second.get(20, TimeUnit.SECONDS);
    assertThat(secondLease.path("fencingToken").asLong())
        .isGreaterThan(firstLease.path("fencingToken").asLong());
    release(secondLease).expectStatus().isNoContent();
  }

  @Test
  void aGrantWaitingForTheDatabaseDoesNotHoldUpRequestsForOtherDevices() throws Exception {
    String a = unique("a");
    String b = unique("b");
    devices(a, b);
    long idOfA = deviceIds.findIdByName(a).orElseThrow();
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch unlock = new CountDownLatch(1);
    Future<?> rowLock =
        pool.submit(
            () ->
                transactions.executeWithoutResult(
                    tx -> {
                      em.createNativeQuery("select id from device where id = ?1 for update")
                          .setParameter(1, idOfA)
                          .getResultList();
                      locked.countDown();
                      awaitQuietly(unlock);
                    }));
    assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<JsonNode> first = async(() -> granted("first", 60, 0, a));
    awaitWaiting(1);

    JsonNode other = granted("other", 60, 0, b);
    assertThat(first).isNotDone();
    unlock.countDown();
    rowLock.get(20, TimeUnit.SECONDS);
    JsonNode firstLease = first.get(20, TimeUnit.SECONDS);
    release(firstLease).expectStatus().isNoContent();
    release(other).expectStatus().isNoContent();
  }

  @Test
  void aWaiterWhoseWaitPassesGetsAConflict() {
    String a = unique("a");
    devices(a);
    JsonNode holder = granted("holder", 60, 0, a);
    long start = System.nanoTime();
    JsonNode refused = problem(acquire("late", 60, 1, a), 409, "lease-conflict");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(refused.path("holder").asString()).isEqualTo("holder");
    assertThat(refused.path("device").asString()).isEqualTo(a);
    release(holder).expectStatus().isNoContent();
  }

  @Test
  void anExpiredLeaseFreesItsDevicesForTheNextWaiter() {
    String a = unique("a");
    devices(a);
    JsonNode shortLived = granted("short", 1, 0, a);
    long start = System.nanoTime();
    JsonNode next = granted("next", 60, 30, a);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(next.path("fencingToken").asLong())
        .isGreaterThan(shortLived.path("fencingToken").asLong());
    long id = shortLived.path("id").asLong();
    JsonNode expired = awaitEnded(id);
    assertThat(expired.path("endReason").asString()).isEqualTo("EXPIRED");
    assertThat(expired.path("active").asBoolean()).isFalse();
    release(next).expectStatus().isNoContent();
  }

  @Test
  void invalidRequestsNameTheirFields() {
    String a = unique("a");
    devices(a);
    String uri = "/api/v1/leases";
    problem(acquire("j", 0, 0, a), 400, "validation", "ttlSeconds");
    problem(acquire("j", 24 * 3600 + 1, 0, a), 400, "validation", "ttlSeconds");
    problem(acquire("j", 60, -1, a), 400, "validation", "waitSeconds");
    problem(acquire("j", 60, 121, a), 400, "validation", "waitSeconds");
    problem(acquire("j", 60, 0), 400, "validation", "devices");
    problem(
        acquire("j", 60, 0, a, "ghost-1", "ghost-2"),
        400,
        "validation",
        "devices[1]",
        "devices[2]");
    problem(acquire("", 60, 0, a), 400, "validation", "holder");
    problem(
        send(
            "POST",
            uri,
            "{\"devices\": [\""
                + a
                + "\"], \"testbed\": \"x\", \"holder\": \"j\", \"ttlSeconds\": 5}",
            Map.of()),
        400,
        "validation",
        "testbed");
    problem(
        send(
            "POST",
            uri,
            "{\"testbed\": \"no-such-lab\", \"holder\": \"j\", \"ttlSeconds\": 5}",
            Map.of()),
        400,
        "validation",
        "testbed");
    problem(
        send("POST", uri, "{\"holder\": \"j\"}", Map.of()),
        400,
        "validation",
        "ttlSeconds",
        "devices");
    problem(send("POST", uri, "{\"ttlSeconds\": \"x\"", Map.of()), 400, "malformed-request");
    problem(send("GET", uri + "?size=0", null, Map.of()), 400, "validation", "size");
  }

  @Test
  void aTestbedIsLeasedWithAllItsDevices() {
    String lab = unique("lab");
    body(send("POST", "/api/v1/testbeds", "{\"name\": \"" + lab + "\"}", Map.of()), 201);
    String a = unique("a");
    String b = unique("b");
    for (String name : List.of(a, b)) {
      body(
          send(
              "POST",
              "/api/v1/devices",
              "{\"name\": \"" + name + "\", \"testbed\": \"" + lab + "\"}",
              Map.of()),
          201);
    }
    JsonNode lease =
        body(
            send(
                "POST",
                "/api/v1/leases",
                "{\"testbed\": \"" + lab + "\", \"holder\": \"j\", \"ttlSeconds\": 60}",
                Map.of()),
            201);
    assertThat(lease.path("devices")).hasSize(2);
    problem(acquire("other", 60, 0, b), 409, "lease-conflict");
    release(lease).expectStatus().isNoContent();
  }

  private <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, pool);
  }

  private void awaitWaiting(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (queue.waiting() < count) {
      assertThat(System.nanoTime()).as("waiters queued").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private JsonNode awaitEnded(long id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonNode lease = body(send("GET", "/api/v1/leases/" + id, null, Map.of()), 200);
      if (!lease.path("endedAt").isNull() && !lease.path("endedAt").isMissingNode()) {
        return lease;
      }
      assertThat(System.nanoTime()).as("lease ended").isLessThan(deadline);
      sleep(100);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
