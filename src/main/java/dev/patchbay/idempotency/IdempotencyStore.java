package dev.patchbay.idempotency;

import dev.patchbay.security.secrets.CredentialCipher;
import dev.patchbay.security.secrets.SealedSecrets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Idempotency records in the database (H2 or PostgreSQL), so that a retry finds its first response
 * after a restart. The primary key (token, key) makes the first request's reservation atomic.
 * Response bodies are sealed: a lease's token is in its creation response. Blocking.
 */
@Component
class IdempotencyStore implements SealedSecrets {

  private final JdbcClient jdbc;

  IdempotencyStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** A stored record; {@code status} null while the first request runs. */
  record Entry(String fingerprint, Integer status, String location, String sealedBody) {}

  /**
   * Reserves the key for a first request (empty), or answers the live record that holds it. An
   * expired record is dropped first.
   */
  Optional<Entry> reserve(long token, String key, String fingerprint, Instant now, Instant until) {
    jdbc.sql(
            "DELETE FROM idempotency_record WHERE token_id = ? AND idem_key = ? AND expires_at < ?")
        .params(token, key, time(now))
        .update();
    try {
      jdbc.sql(
              "INSERT INTO idempotency_record (token_id, idem_key, fingerprint, created_at,"
                  + " expires_at) VALUES (?,?,?,?,?)")
          .params(token, key, fingerprint, time(now), time(until))
          .update();
      return Optional.empty();
    } catch (DuplicateKeyException taken) {
      return jdbc.sql(
              "SELECT fingerprint, status, location, body FROM idempotency_record WHERE token_id"
                  + " = ? AND idem_key = ?")
          .params(token, key)
          .query(
              (rs, row) ->
                  new Entry(
                      rs.getString(1),
                      rs.getObject(2, Integer.class),
                      rs.getString(3),
                      rs.getString(4)))
          .optional()
          .or(() -> reserve(token, key, fingerprint, now, until));
    }
  }

  /** Stores the first request's response, kept until {@code until}. */
  void complete(
      long token, String key, int status, String location, String sealedBody, Instant until) {
    jdbc.sql(
            "UPDATE idempotency_record SET status = ?, location = ?, body = ?, expires_at = ?"
                + " WHERE token_id = ? AND idem_key = ?")
        .params(status, location, sealedBody, time(until), token, key)
        .update();
  }

  /** Frees a key whose first request failed, so that a retry runs it again. */
  void forget(long token, String key) {
    jdbc.sql("DELETE FROM idempotency_record WHERE token_id = ? AND idem_key = ?")
        .params(token, key)
        .update();
  }

  /** Deletes expired records; answers how many. */
  int purge(Instant now) {
    return jdbc.sql("DELETE FROM idempotency_record WHERE expires_at < ?")
        .params(time(now))
        .update();
  }

  @Override
  public String name() {
    return "idempotency-responses";
  }

  @Override
  public ResealCount reseal(CredentialCipher cipher) {
    ResealCount count = new ResealCount(name(), 0, 0);
    for (var row :
        jdbc.sql(
                "SELECT token_id, idem_key, body FROM idempotency_record WHERE body IS NOT NULL"
                    + " FOR UPDATE")
            .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
            .list()) {
      String before = (String) row[2];
      String after = cipher.reseal(before);
      if (!after.equals(before)) {
        jdbc.sql("UPDATE idempotency_record SET body = ? WHERE token_id = ? AND idem_key = ?")
            .params(after, row[0], row[1])
            .update();
      }
      count = count.plus(before, after);
    }
    return count;
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
