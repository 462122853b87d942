package dev.patchbay.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.testsupport.ApiContextTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real service on a random port over an in-memory H2 database migrated by Flyway, with a fast
 * lease sweep. Subclasses may point it at PostgreSQL. Tests use unique device names.
 */
@ApiContextTest
abstract class LeaseApiTestSupport {

  static final String PROBLEMS = "https://patchbay.dev/problems/";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired WebTestClient client;
  @Autowired LeaseEventLog eventLog;
  @Autowired LeaseLedger ledger;
  @Autowired DeviceRepository deviceIds;
  @Autowired LeaseRepository leaseRows;

  /** Every response body read through {@link #body}, to check that no token is ever listed. */
  final List<String> bodies = new ArrayList<>();

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates devices with the given names. */
  void devices(String... names) {
    for (String name : names) {
      body(send("POST", "/api/v1/devices", "{\"name\": \"" + name + "\"}", Map.of()), 201);
    }
  }

  WebTestClient.ResponseSpec send(
      String method, String uri, String json, Map<String, String> headers) {
    WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(uri);
    headers.forEach(request::header);
    if (json == null) {
      return request.exchange();
    }
    return request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
  }

  /** {@code POST /api/v1/leases} for the devices. */
  WebTestClient.ResponseSpec acquire(String holder, long ttl, long wait, String... devices) {
    return send(
        "POST",
        "/api/v1/leases",
        """
        {"devices": %s, "holder": "%s", "ttlSeconds": %d, "waitSeconds": %d,
         "reason": "test"}
        """
            .formatted(JSON.writeValueAsString(List.of(devices)), holder, ttl, wait),
        Map.of());
  }

  /** Acquires and expects 201. */
  JsonNode granted(String holder, long ttl, long wait, String... devices) {
    return body(acquire(holder, ttl, wait, devices), 201);
  }

  static Map<String, String> leaseHeader(JsonNode lease) {
    return Map.of(
        "Patchbay-Lease", lease.path("id").asLong() + ":" + lease.path("token").asString());
  }

  WebTestClient.ResponseSpec release(JsonNode lease) {
    return send("DELETE", "/api/v1/leases/" + lease.path("id").asLong(), null, leaseHeader(lease));
  }

  JsonNode body(WebTestClient.ResponseSpec response, int status) {
    String text =
        response
            .expectStatus()
            .isEqualTo(status)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    synchronized (bodies) {
      bodies.add(text);
    }
    return text == null ? null : JSON.readTree(text);
  }

  /** Asserts a problem document of the given type naming at least the given fields. */
  JsonNode problem(WebTestClient.ResponseSpec response, int status, String type, String... fields) {
    JsonNode problem = body(response, status);
    assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + type);
    List<String> named = new ArrayList<>();
    problem.path("errors").forEach(e -> named.add(e.path("field").asString()));
    if (fields.length > 0) {
      assertThat(named).contains(fields);
    }
    return problem;
  }

  /**
   * A lease retried with its Idempotency-Key gets its first 201 again (token and Location included)
   * instead of a conflict with itself; the same key with another body is refused (422); a first
   * request that failed frees its key, so that a later retry runs.
   */
  void idempotentRetryScenario() {
    String device = unique("idem");
    devices(device);
    String lease =
        """
        {"devices": ["%s"], "holder": "ci-job", "ttlSeconds": 60, "reason": "test"}"""
            .formatted(device);
    Map<String, String> key = Map.of("Idempotency-Key", unique("key"));
    var first = send("POST", "/api/v1/leases", lease, key).expectBody(String.class).returnResult();
    assertThat(first.getStatus().value()).isEqualTo(201);
    assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
    var retry = send("POST", "/api/v1/leases", lease, key).expectBody(String.class).returnResult();
    assertThat(retry.getStatus().value()).isEqualTo(201);
    assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.getResponseHeaders().getLocation())
        .isEqualTo(first.getResponseHeaders().getLocation());
    JsonNode granted = JSON.readTree(first.getResponseBody());
    assertThat(JSON.readTree(retry.getResponseBody())).isEqualTo(granted);
    assertThat(granted.path("token").asString()).isNotBlank();

    problem(
        send("POST", "/api/v1/leases", lease.replace("ci-job", "other-job"), key),
        422,
        "idempotency-key-reused");
    problem(send("POST", "/api/v1/leases", lease, Map.of()), 409, "lease-conflict");

    Map<String, String> refusedKey = Map.of("Idempotency-Key", unique("key"));
    problem(send("POST", "/api/v1/leases", lease, refusedKey), 409, "lease-conflict");
    release(granted).expectStatus().isNoContent();
    JsonNode second = body(send("POST", "/api/v1/leases", lease, refusedKey), 201);
    assertThat(second.path("id").asLong()).isNotEqualTo(granted.path("id").asLong());
    release(second).expectStatus().isNoContent();
    problem(
        send("POST", "/api/v1/leases", lease, Map.of("Idempotency-Key", "has space")),
        400,
        "validation",
        "Idempotency-Key");
  }

  /**
   * 32 clients lease random 1–3 device subsets of 8 shared devices over HTTP, hold them briefly and
   * release them, {@code patchbay.test.lease.hammer-pairs} times each (default 40): bounded by
   * operations, not wall time, so a slow machine takes longer instead of proving less. Then checks,
   * from the service's own grant and end moments (monotonic clock, taken under the device locks),
   * that no two leases ever held a device at once, that fencing tokens grow strictly per device in
   * grant order, that every client was served and that no request failed.
   */
  void hammerScenario() throws Exception {
    int pairs = Integer.getInteger("patchbay.test.lease.hammer-pairs", 40);
    int clients = 32;
    List<String> shared = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      shared.add(unique("hammer" + i));
    }
    devices(shared.toArray(String[]::new));
    Set<Long> ours = ConcurrentHashMap.newKeySet();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicLong maxWaitNanos = new AtomicLong();
    int[] grantsPerClient = new int[clients];
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        running.add(
            pool.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int pair = 0; pair < pairs && failures.isEmpty(); pair++) {
                    List<String> wanted = new ArrayList<>(shared);
                    Collections.shuffle(wanted, random);
                    wanted = wanted.subList(0, 1 + random.nextInt(3));
                    long asked = System.nanoTime();
                    var response =
                        acquire("client-" + client, 300, 100, wanted.toArray(String[]::new));
                    var result = response.expectBody(String.class).returnResult();
                    if (result.getStatus().value() != 201) {
                      failures.add(
                          wanted + " -> " + result.getStatus() + " " + result.getResponseBody());
                      return;
                    }
                    maxWaitNanos.accumulateAndGet(System.nanoTime() - asked, Math::max);
                    JsonNode lease = JSON.readTree(result.getResponseBody());
                    ours.add(lease.path("id").asLong());
                    grantsPerClient[client]++;
                    LockSupport.parkNanos(random.nextLong(2_000_000));
                    int released = release(lease).expectBody().returnResult().getStatus().value();
                    if (released != 204) {
                      failures.add("release of " + lease.path("id") + " -> " + released);
                      return;
                    }
                  }
                }));
      }
      for (Future<?> future : running) {
        future.get(300, TimeUnit.SECONDS);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(failures).as("failed requests").isEmpty();
    assertThat(Arrays.stream(grantsPerClient).min().orElse(0))
        .as("grants of every client")
        .isEqualTo(pairs);

    int intervals = assertExclusive(ours, shared);
    System.out.printf(
        "lease hammer (%s): %d grants by %d clients in %.1f s = %.1f grants/s, max wait %d ms,"
            + " %d device intervals checked, min grants per client %d%n",
        getClass().getSimpleName(),
        ours.size(),
        clients,
        seconds,
        ours.size() / seconds,
        TimeUnit.NANOSECONDS.toMillis(maxWaitNanos.get()),
        intervals,
        Arrays.stream(grantsPerClient).min().orElse(0));
  }

  /**
   * Checks, from the service's own grant and end moments (monotonic clock, taken under the device
   * locks), that of the given leases no two held one of the devices at once and that fencing tokens
   * grew strictly per device in grant order; and that the stored intervals ({@code grantedAt} to
   * {@code endedAt}) of consecutive leases of a device do not overlap either. Returns the number of
   * device intervals checked.
   */
  int assertExclusive(Set<Long> ours, List<String> shared) {
    Map<Long, Lease> stored = new HashMap<>();
    leaseRows.findAllById(ours).forEach(lease -> stored.put(lease.getId(), lease));
    Map<Long, LeaseGranted> granted = new HashMap<>();
    eventLog.grants().stream()
        .filter(g -> ours.contains(g.leaseId()))
        .forEach(g -> granted.put(g.leaseId(), g));
    Map<Long, LeaseEnded> ended = new HashMap<>();
    eventLog.ends().stream()
        .filter(e -> ours.contains(e.leaseId()))
        .forEach(e -> ended.put(e.leaseId(), e));
    assertThat(granted.keySet()).isEqualTo(ours);
    assertThat(ended.keySet()).isEqualTo(ours);
    int intervals = 0;
    for (String device : shared) {
      List<LeaseGranted> onDevice =
          granted.values().stream()
              .filter(g -> g.devices().contains(device))
              .sorted(Comparator.comparingLong(LeaseGranted::monotonicNanos))
              .toList();
      for (int i = 1; i < onDevice.size(); i++) {
        LeaseGranted previous = onDevice.get(i - 1);
        LeaseGranted next = onDevice.get(i);
        assertThat(ended.get(previous.leaseId()).monotonicNanos())
            .as(
                "lease %d ends on %s before lease %d starts",
                previous.leaseId(), device, next.leaseId())
            .isLessThan(next.monotonicNanos());
        assertThat(stored.get(previous.leaseId()).getEndedAt())
            .as(
                "stored end of lease %d on %s before the stored grant of lease %d",
                previous.leaseId(), device, next.leaseId())
            .isBeforeOrEqualTo(stored.get(next.leaseId()).getGrantedAt());
        assertThat(next.fencingToken())
            .as("fencing token on %s", device)
            .isGreaterThan(previous.fencingToken());
      }
      intervals += onDevice.size();
    }
    return intervals;
  }

  /**
   * The same proof one layer down: 16 threads call {@link LeaseLedger#tryGrant} and {@link
   * LeaseLedger#release} directly, bypassing the per-instance queue, so only the database row locks
   * keep the leases apart (as between instances). Each thread makes {@code
   * patchbay.test.lease.hammer-pairs} grant attempts times four (busy ones included).
   */
  void ledgerRaceScenario() throws Exception {
    int attempts = 4 * Integer.getInteger("patchbay.test.lease.hammer-pairs", 40);
    List<String> shared = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      shared.add(unique("race" + i));
    }
    devices(shared.toArray(String[]::new));
    List<LeaseClaim.ClaimedDevice> all =
        shared.stream()
            .map(
                name ->
                    new LeaseClaim.ClaimedDevice(
                        deviceIds.findByName(name).orElseThrow().getId(), name))
            .toList();
    Set<Long> ours = ConcurrentHashMap.newKeySet();
    AtomicLong busy = new AtomicLong();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        running.add(
            pool.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int tried = 0; tried < attempts; tried++) {
                    List<LeaseClaim.ClaimedDevice> wanted = new ArrayList<>(all);
                    Collections.shuffle(wanted, random);
                    wanted = new ArrayList<>(wanted.subList(0, 1 + random.nextInt(3)));
                    wanted.sort(Comparator.comparingLong(LeaseClaim.ClaimedDevice::id));
                    LeaseClaim claim = new LeaseClaim(wanted, "racer", 300, Duration.ZERO, null);
                    LeaseLedger.Attempt attempt = ledger.tryGrant(claim);
                    if (attempt.granted() == null) {
                      busy.incrementAndGet();
                      continue;
                    }
                    Lease lease = attempt.granted().lease();
                    ours.add(lease.getId());
                    LockSupport.parkNanos(random.nextLong(1_000_000));
                    ledger.release(new PresentedLease(lease.getId(), attempt.granted().token()));
                  }
                  return null;
                }));
      }
      for (Future<?> future : running) {
        future.get(300, TimeUnit.SECONDS);
      }
    }
    int intervals = assertExclusive(ours, shared);
    assertThat(ours).hasSizeGreaterThan(16);
    System.out.printf(
        "lease ledger race (%s): %d grants, %d busy attempts, %d device intervals checked%n",
        getClass().getSimpleName(), ours.size(), busy.get(), intervals);
  }
}
