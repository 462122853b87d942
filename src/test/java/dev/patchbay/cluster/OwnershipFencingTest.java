package dev.patchbay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.testsupport.PostgresTestSchema;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Device ownership between two instances on a real PostgreSQL schema: one owner at a time, a paused
 * instance (its heartbeat stops, the process does not) stops acting before the other takes its
 * device over, and its late release cannot undo the new owner's claim (the epoch fences it).
 */
class OwnershipFencingTest {

  private static final Duration DEAD_AFTER = Duration.ofSeconds(3);

  private PostgresTestSchema schema;
  private SimpleDriverDataSource dataSource;
  private final List<Membership> started = new CopyOnWriteArrayList<>();
  private final List<LostInstance> told = new CopyOnWriteArrayList<>();

  @BeforeEach
  void migrate() {
    schema = new PostgresTestSchema("fencing");
    Flyway.configure()
        .dataSource(schema.schemaUrl(), PostgresTestSchema.USER, "")
        .schemas(schema.name())
        .defaultSchema(schema.name())
        .load()
        .migrate();
    dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), schema.schemaUrl());
    dataSource.setUsername(PostgresTestSchema.USER);
  }

  @AfterEach
  void drop() throws Exception {
    started.forEach(Membership::stop);
    schema.drop();
  }

  @Test
  void oneOwnerAtATimeAndAPausedOwnerIsFencedOff() throws Exception {
    DeviceOwnership live = ownership("live", Duration.ofMillis(100));
    DeviceOwnership paused = ownership("paused", Duration.ofHours(1));

    paused.claim("r1");
    assertThat(paused.owns("r1")).isTrue();
    assertThat(live.owner("r1").elsewhere().name()).isEqualTo("paused");
    assertThatThrownBy(() -> live.claim("r1"))
        .isInstanceOf(PatchbayException.class)
        .extracting(e -> ((PatchbayException) e).type())
        .isEqualTo(ProblemType.OWNED_ELSEWHERE);

    await(() -> !told.isEmpty(), "the live instance declares the paused one dead");
    assertThat(told.getFirst().name()).isEqualTo("paused");
    assertThat(told.getFirst().previousRun()).isFalse();
    assertThatThrownBy(() -> paused.claim("r2"))
        .as("the paused instance no longer acts")
        .extracting(e -> ((PatchbayException) e).type())
        .isEqualTo(ProblemType.SESSION_LOST);
    assertThat(live.owner("r1").lostInstance()).as("r1 remembers its lost owner").isNotNull();

    live.claim("r1");
    paused.release("r1");
    assertThat(
            JdbcClient.create(dataSource)
                .sql(
                    "SELECT i.name FROM device_owner o JOIN cluster_instance i"
                        + " ON i.id = o.instance_id WHERE o.device = 'r1'")
                .query(String.class)
                .single())
        .as("the late release of the paused instance changed nothing")
        .isEqualTo("live");
    live.release("r1");
    assertThat(live.owner("r1")).isEqualTo(new DeviceOwner(false, null, null));
  }

  private DeviceOwnership ownership(String name, Duration heartbeat) {
    ClusterProperties properties =
        new ClusterProperties(name, "http://127.0.0.1:1", heartbeat, DEAD_AFTER);
    InstanceIdentity identity = new InstanceIdentity(UUID.randomUUID().toString(), name);
    StaticListableBeanFactory handlers = new StaticListableBeanFactory();
    handlers.addBean(
        "recorder",
        new InstanceLoss() {
          @Override
          public void instanceLost(LostInstance lost) {
            if (lost.id() != null) {
              told.add(lost);
            }
          }
        });
    Membership membership =
        new Membership(
            dataSource,
            identity,
            properties,
            handlers.getBeanProvider(InstanceLoss.class),
            new MockEnvironment().withProperty("server.port", "0"));
    membership.start();
    started.add(membership);
    return new DeviceOwnership(dataSource, identity, membership, properties);
  }

  private static void await(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited for: %s", what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
