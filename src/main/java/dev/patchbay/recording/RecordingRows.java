package dev.patchbay.recording;

import dev.patchbay.common.JdbcTransactions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the {@code recording} rows of starting and ending recordings off the session's path: one
 * virtual thread takes what was queued within a short linger and writes it in one plain JDBC
 * transaction (new rows in one batch insert, ends in one batch update). A session open used to wait
 * for its own committed insert (on H2 a commit writes a store chunk: about a third of what a
 * recording cost an open). Rows are written in the order they were queued, so a row's end always
 * follows its insert. Readers {@link #flush} first, so that this instance never answers without a
 * row it started; a crash loses at most the rows of the last linger, as the audit log's events.
 */
final class RecordingRows implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RecordingRows.class);

  private static final String INSERT =
      "insert into recording (device, alias, opened_by, started_at, bytes, file_name, instance_id)"
          + " values (?, ?, ?, ?, 0, ?, ?)";
  private static final String FINISH = "update recording set ended_at = ?, bytes = ? where id = ?";

  /** Queued rows beyond which a start waits for the writer (a database slower than the opens). */
  private static final int CAPACITY = 10_000;

  private static final int BATCH = 500;

  /** Queued by {@link #close} after everything else. */
  private static final Object STOP = new Object();

  /** A recording's row, its id set once written. */
  static final class Row {
    private final String device;
    private final String alias;
    private final String openedBy;
    private final Instant startedAt;
    private final String fileName;
    private final String instanceId;
    private volatile Long id;

    Row(
        String device,
        String alias,
        String openedBy,
        Instant startedAt,
        String fileName,
        String instanceId) {
      this.device = device;
      this.alias = alias;
      this.openedBy = openedBy;
      this.startedAt = startedAt;
      this.fileName = fileName;
      this.instanceId = instanceId;
    }
  }

  private record Finish(Row row, Instant endedAt, long bytes) {}

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final long lingerNanos;
  private final Thread thread;
  private volatile boolean closing;

  RecordingRows(DataSource dataSource, Duration linger) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = JdbcTransactions.on(dataSource);
    this.lingerNanos = linger.toNanos();
    this.thread = Thread.ofVirtual().name("recording-rows").start(this::run);
  }

  /** Queues the row of a recording that starts. */
  void insert(Row row) {
    put(row);
  }

  /** Queues the end of a recording whose row was queued by {@link #insert}. */
  void finish(Row row, Instant endedAt, long bytes) {
    put(new Finish(row, endedAt, bytes));
  }

  /**
   * Waits (blocking) until everything queued before this call is written; false when that took
   * longer than {@code timeout} or the writer has stopped.
   */
  boolean flush(Duration timeout) {
    if (closing || !thread.isAlive()) {
      return queue.isEmpty();
    }
    CountDownLatch barrier = new CountDownLatch(1);
    if (!put(barrier)) {
      return queue.isEmpty();
    }
    try {
      return barrier.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Writes what is queued (waiting up to ten seconds), then stops the writer. */
  @Override
  public void close() {
    closing = true;
    queue.offer(STOP);
    try {
      if (!thread.join(Duration.ofSeconds(10))) {
        log.warn("recording writer stopped with {} row change(s) not written", queue.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Queues {@code item}, waiting while the queue is full; false once the writer stops. */
  private boolean put(Object item) {
    if (closing) {
      log.warn("recording writer stopped: a row change is not written");
      return false;
    }
    try {
      queue.put(item);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while queueing a recording row", e);
    }
  }

  /**
   * Takes a batch, writes it, until {@link #STOP}. The thread is never interrupted (an interrupt
   * during H2's file I/O would close its channel).
   */
  private void run() {
    List<Object> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(queue.take());
        linger(batch);
      } catch (InterruptedException e) {
        stop = true;
      }
      stop |= batch.contains(STOP);
      write(batch);
      batch.clear();
    }
  }

  /** Adds what arrives within the linger, unless a flush or the stop waits or the batch is full. */
  private void linger(List<Object> batch) throws InterruptedException {
    long deadline = System.nanoTime() + lingerNanos;
    while (batch.size() < BATCH && !endsLinger(batch.getLast())) {
      long left = deadline - System.nanoTime();
      Object next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        return;
      }
      batch.add(next);
    }
  }

  private static boolean endsLinger(Object item) {
    return item instanceof CountDownLatch || item == STOP;
  }

  private void write(List<Object> batch) {
    List<Row> rows = new ArrayList<>();
    List<Finish> ends = new ArrayList<>();
    for (Object item : batch) {
      if (item instanceof Row row) {
        rows.add(row);
      } else if (item instanceof Finish end) {
        ends.add(end);
      }
    }
    try {
      if (!rows.isEmpty() || !ends.isEmpty()) {
        transaction.executeWithoutResult(
            status -> {
              insert(rows);
              finish(ends);
            });
      }
    } catch (RuntimeException e) {
      rows.forEach(row -> row.id = null); // rolled back
      log.warn(
          "could not write {} recording row(s) and {} end(s): {}",
          rows.size(),
          ends.size(),
          e.toString());
      log.debug("recording row write failure", e);
    }
    for (Object item : batch) {
      if (item instanceof CountDownLatch barrier) {
        barrier.countDown();
      }
    }
  }

  private void insert(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.batchUpdate(
        connection -> connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement statement, int i) throws SQLException {
            Row row = rows.get(i);
            statement.setString(1, row.device);
            statement.setString(2, row.alias);
            statement.setString(3, row.openedBy);
            statement.setObject(4, utc(row.startedAt));
            statement.setString(5, row.fileName);
            statement.setString(6, row.instanceId);
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        },
        keys);
    List<Map<String, Object>> ids = keys.getKeyList();
    if (ids.size() != rows.size()) {
      throw new IllegalStateException(
          "the database returned " + ids.size() + " keys for " + rows.size() + " recordings");
    }
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).id = ((Number) ids.get(i).get("id")).longValue();
    }
  }

  private void finish(List<Finish> ends) {
    List<Object[]> updates = new ArrayList<>();
    for (Finish end : ends) {
      if (end.row().id == null) {
        log.warn("recording {} has no row to finish", end.row().fileName);
        continue;
      }
      updates.add(new Object[] {utc(end.endedAt()), end.bytes(), end.row().id});
    }
    if (!updates.isEmpty()) {
      jdbc.batchUpdate(FINISH, updates);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
