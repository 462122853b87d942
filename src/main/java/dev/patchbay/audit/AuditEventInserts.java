package dev.patchbay.audit;

import dev.patchbay.common.DatabaseProduct;
import dev.patchbay.common.JdbcTransactions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of audit events with two JDBC batch statements in one transaction (the events,
 * then their devices), instead of one persist, identity round trip and collection insert per event.
 * The rows are the ones the {@link AuditEvent} entity maps, so reads stay on JPA; the transaction
 * is a plain JDBC one (no persistence context is needed to write). On PostgreSQL one event (a
 * lease's, on every grant and release) and its devices go in one statement, one round trip.
 */
final class AuditEventInserts {

  private static final String INSERT_EVENT =
      "insert into audit_event (occurred_at, actor, action, outcome, detail) values (?, ?, ?, ?, ?)";
  private static final String INSERT_DEVICE =
      "insert into audit_event_device (event_id, position, device_name) values (?, ?, ?)";

  /**
   * The event and its devices (rows of positions and names appended) in one PostgreSQL statement.
   */
  private static final String INSERT_EVENT_WITH_DEVICES =
      "with e as (insert into audit_event (occurred_at, actor, action, outcome, detail)"
          + " values (?, ?, ?, ?, ?) returning id)"
          + " insert into audit_event_device (event_id, position, device_name)"
          + " select e.id, d.position, d.device_name from e cross join (values ";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final boolean postgres;

  AuditEventInserts(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = JdbcTransactions.on(dataSource);
    this.postgres = isPostgres(dataSource);
  }

  void insert(List<AuditEvent> events) {
    transaction.executeWithoutResult(status -> insertEventsAndDevices(events));
  }

  /** Writes the events on the caller's transaction (the connection it has bound), if any. */
  void insertEventsAndDevices(List<AuditEvent> events) {
    if (postgres && events.size() == 1 && !events.getFirst().getDevices().isEmpty()) {
      insertWithDevices(events.getFirst());
      return;
    }
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.batchUpdate(
        connection -> connection.prepareStatement(INSERT_EVENT, Statement.RETURN_GENERATED_KEYS),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement statement, int i) throws SQLException {
            AuditEvent event = events.get(i);
            statement.setObject(1, OffsetDateTime.ofInstant(event.getOccurredAt(), ZoneOffset.UTC));
            statement.setString(2, event.getActor());
            statement.setString(3, event.getAction());
            statement.setString(4, event.getOutcome());
            statement.setString(5, event.getDetail());
          }

          @Override
          public int getBatchSize() {
            return events.size();
          }
        },
        keys);
    List<Map<String, Object>> ids = keys.getKeyList();
    if (ids.size() != events.size()) {
      throw new IllegalStateException(
          "the database returned " + ids.size() + " keys for " + events.size() + " audit events");
    }
    List<Object[]> devices = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Object id = ids.get(i).get("id");
      List<String> names = events.get(i).getDevices();
      for (int position = 0; position < names.size(); position++) {
        devices.add(new Object[] {id, position, names.get(position)});
      }
    }
    if (!devices.isEmpty()) {
      jdbc.batchUpdate(INSERT_DEVICE, devices);
    }
  }

  private void insertWithDevices(AuditEvent event) {
    List<String> names = event.getDevices();
    StringBuilder sql = new StringBuilder(INSERT_EVENT_WITH_DEVICES);
    List<Object> params = new ArrayList<>(5 + names.size());
    params.add(OffsetDateTime.ofInstant(event.getOccurredAt(), ZoneOffset.UTC));
    params.add(event.getActor());
    params.add(event.getAction());
    params.add(event.getOutcome());
    params.add(event.getDetail());
    for (int position = 0; position < names.size(); position++) {
      sql.append(position == 0 ? "" : ", ").append("(").append(position).append(", ?)");
      params.add(names.get(position));
    }
    sql.append(") as d (position, device_name)");
    jdbc.update(sql.toString(), params.toArray());
  }

  private static boolean isPostgres(DataSource dataSource) {
    try {
      return DatabaseProduct.isPostgres(dataSource);
    } catch (MetaDataAccessException e) {
      return false;
    }
  }
}
