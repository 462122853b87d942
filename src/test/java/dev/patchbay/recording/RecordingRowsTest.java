package dev.patchbay.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.PostgresTestSchema;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The recording row writer on a migrated database (H2, and the real PostgreSQL): rows and their
 * ends are written in order and visible after a flush, closing writes what is queued at once, and a
 * batch that fails loses only its own rows.
 */
@Timeout(60)
class RecordingRowsTest {

  private static final Instant START = Instant.parse("2026-12-06T10:00:00.123456Z");

  @Test
  void rowsAndTheirEndsAreWrittenAndSeenAfterAFlushOnH2() {
    rowsAndTheirEndsAreWrittenAndSeenAfterAFlush(h2());
  }

  @Test
  void rowsAndTheirEndsAreWrittenAndSeenAfterAFlushOnPostgres() throws Exception {
    PostgresTestSchema schema = new PostgresTestSchema("rows");
    try {
      DriverManagerDataSource postgres =
          new DriverManagerDataSource(schema.schemaUrl(), PostgresTestSchema.USER, "");
      Flyway.configure()
          .dataSource(postgres)
          .schemas(schema.name())
          .defaultSchema(schema.name())
          .load()
          .migrate();
      rowsAndTheirEndsAreWrittenAndSeenAfterAFlush(postgres);
    } finally {
      schema.drop();
    }
  }

  @Test
  void closingWritesWhatIsQueuedWithoutWaitingForTheLinger() {
    DataSource database = h2();
    RecordingRows rows = new RecordingRows(database, Duration.ofMinutes(5));
    RecordingRows.Row row = row("r1", "a.cast");
    rows.insert(row);
    rows.finish(row, START.plusSeconds(3), 42);
    long started = System.nanoTime();
    rows.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    Map<String, Object> written =
        new JdbcTemplate(database).queryForMap("select bytes, ended_at from recording");
    assertThat(((Number) written.get("bytes")).longValue()).isEqualTo(42);
    assertThat(written.get("ended_at")).isNotNull();
    assertThat(rows.flush(Duration.ofSeconds(1))).as("nothing left after close").isTrue();
  }

  @Test
  void aBatchThatFailsLosesOnlyItsOwnRows() {
    DataSource database = h2();
    try (RecordingRows rows = new RecordingRows(database, Duration.ofMillis(10))) {
      RecordingRows.Row tooLong = row("d".repeat(300), "bad.cast"); // the column holds 200
      rows.insert(tooLong);
      rows.finish(tooLong, START.plusSeconds(1), 1);
      assertThat(rows.flush(Duration.ofSeconds(10))).isTrue();
      RecordingRows.Row good = row("r2", "good.cast");
      rows.insert(good);
      assertThat(rows.flush(Duration.ofSeconds(10))).isTrue();

      assertThat(new JdbcTemplate(database).queryForList("select file_name from recording"))
          .extracting(r -> r.get("file_name"))
          .containsExactly("good.cast");
    }
  }

  private static void rowsAndTheirEndsAreWrittenAndSeenAfterAFlush(DataSource database) {
    try (RecordingRows rows = new RecordingRows(database, Duration.ofMillis(50))) {
      RecordingRows.Row one = row("r1", "one.cast");
      RecordingRows.Row two = row("r2", "two.cast");
      RecordingRows.Row three = row("r3", "three.cast");
      rows.insert(one);
      rows.insert(two);
      rows.finish(one, START.plusSeconds(5), 100);
      rows.insert(three);
      rows.finish(three, START.plusSeconds(7), 300);
      assertThat(rows.flush(Duration.ofSeconds(10))).isTrue();

      List<Map<String, Object>> written =
          new JdbcTemplate(database)
              .queryForList(
                  "select id, device, alias, opened_by, started_at, ended_at, bytes, file_name,"
                      + " instance_id from recording order by file_name");
      assertThat(written).hasSize(3);
      assertThat(written).extracting(r -> r.get("id")).doesNotHaveDuplicates().doesNotContainNull();
      Map<String, Object> first = written.get(0); // one.cast
      assertThat(first.get("device")).isEqualTo("r1");
      assertThat(first.get("alias")).isEqualTo("default");
      assertThat(first.get("opened_by")).isEqualTo("alice");
      assertThat(first.get("instance_id")).isEqualTo("instance-1");
      assertThat(instant(first.get("started_at"))).isEqualTo(START);
      assertThat(instant(first.get("ended_at"))).isEqualTo(START.plusSeconds(5));
      assertThat(((Number) first.get("bytes")).longValue()).isEqualTo(100);
      Map<String, Object> third = written.get(1); // three.cast
      assertThat(((Number) third.get("bytes")).longValue()).isEqualTo(300);
      Map<String, Object> second = written.get(2); // two.cast, still live
      assertThat(second.get("ended_at")).isNull();
      assertThat(((Number) second.get("bytes")).longValue()).isZero();
    }
  }

  private static RecordingRows.Row row(String device, String fileName) {
    return new RecordingRows.Row(device, "default", "alice", START, fileName, "instance-1");
  }

  /**
   * H2 answers a {@code TIMESTAMP WITH TIME ZONE} as an OffsetDateTime, PostgreSQL's driver not.
   */
  private static Instant instant(Object timestamp) {
    Instant instant =
        switch (timestamp) {
          case OffsetDateTime offset -> offset.toInstant();
          case Timestamp sql -> sql.toInstant();
          default -> (Instant) timestamp;
        };
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rows-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    Flyway.configure().dataSource(h2).load().migrate();
    return h2;
  }
}
