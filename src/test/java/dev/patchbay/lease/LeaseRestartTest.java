package dev.patchbay.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.PatchbayApplication;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Leases live in the database: after a restart of the application on the same database a lease
 * still holds its devices and then expires on schedule, and one that expired while the service was
 * down is ended at start.
 */
class LeaseRestartTest {

  private final String database = "patchbay-restart-" + UUID.randomUUID();

  @Test
  void leasesSurviveARestartAndExpireOnSchedule() throws Exception {
    String held = "held-" + UUID.randomUUID().toString().substring(0, 8);
    String lapsed = "lapsed-" + UUID.randomUUID().toString().substring(0, 8);
    LeaseResponse lease;
    LeaseResponse lapsing;
    long ttl;
    long starting = System.nanoTime();
    try (ConfigurableApplicationContext first = start()) {
      // The held lease must outlive the restart: a close, 1.2 s and one more start in this JVM,
      // which usually takes no longer than this first one. This start plus 6 s lets a loaded
      // machine wait longer instead of failing, and an idle one not wait out a fixed 15 s.
      ttl = Duration.ofNanos(System.nanoTime() - starting).toSeconds() + 6;
      DeviceRepository devices = first.getBean(DeviceRepository.class);
      devices.save(new Device(held));
      devices.save(new Device(lapsed));
      LeaseService leases = first.getBean(LeaseService.class);
      lease = leases.acquire(request(held, ttl, 0)).block();
      lapsing = leases.acquire(request(lapsed, 1, 0)).block();
    }
    Thread.sleep(1200);

    try (ConfigurableApplicationContext second = start()) {
      LeaseService leases = second.getBean(LeaseService.class);
      LeaseResponse ended = awaitEnded(leases, lapsing.id());
      assertThat(ended.endReason()).isEqualTo(LeaseEndReason.EXPIRED);

      LeaseResponse still = leases.get(lease.id(), null);
      assertThat(still.active()).isTrue();
      assertThat(still.expiresAt()).isEqualTo(lease.expiresAt());
      assertThatThrownBy(() -> leases.acquire(request(held, 60, 0)).block())
          .isInstanceOfSatisfying(
              PatchbayException.class,
              e -> assertThat(e.type()).isEqualTo(ProblemType.LEASE_CONFLICT));

      LeaseResponse next = leases.acquire(request(held, 60, ttl + 30)).block();
      assertThat(Instant.now()).isAfterOrEqualTo(lease.expiresAt());
      assertThat(next.fencingToken()).isGreaterThan(lease.fencingToken());
      assertThat(awaitEnded(leases, lease.id()).endReason()).isEqualTo(LeaseEndReason.EXPIRED);
      assertThat(leases.get(lease.id(), null).endedAt())
          .isBetween(lease.expiresAt(), lease.expiresAt().plusSeconds(5));
    }
  }

  private ConfigurableApplicationContext start() {
    // Arguments, not default properties: those would lose to application.yml's file database.
    return new SpringApplicationBuilder(PatchbayApplication.class)
        .run(
            "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
            "--server.port=0",
            "--patchbay.data-dir=target/test-data",
            "--patchbay.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "--patchbay.lease.sweep-interval=200ms");
  }

  private static LeaseRequest request(String device, long ttl, long wait) {
    return new LeaseRequest(List.of(device), null, "restart-job", ttl, wait, "restart test");
  }

  private static LeaseResponse awaitEnded(LeaseService leases, long id)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      LeaseResponse lease = leases.get(id, null);
      if (lease.endedAt() != null) {
        return lease;
      }
      assertThat(System.nanoTime()).as("lease %d ended", id).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
