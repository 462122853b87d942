package dev.patchbay.audit;

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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of audit events with two JDBC batch statements in one transaction (the events,
 * then their devices), instead of one persist, identity round trip and collection insert per event.
 * The rows are the ones the {@link AuditEvent} entity maps, so reads stay on JPA; the transaction
 * is a plain JDBC one (no persistence context is needed to write).
 */
final class AuditEventInserts {

  private static final String INSERT_EVENT =
      "insert into audit_event (occurred_at, actor, action, outcome, detail) values (?, ?, ?, ?, ?)";
  private static final String INSERT_DEVICE =
      "insert into audit_event_device (event_id, position, device_name) values (?, ?, ?)";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  AuditEventInserts(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = JdbcTransactions.on(dataSource);
  }

  void insert(List<AuditEvent> events) {
    transaction.executeWithoutResult(status -> insertEventsAndDevices(events));
  }

  /** Writes the events on the caller's transaction (the connection it has bound), if any. */
  void insertEventsAndDevices(List<AuditEvent> events) {
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
}
