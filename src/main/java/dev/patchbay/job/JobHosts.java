package dev.patchbay.job;

import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which instance runs an unfinished job. A job's live parts (the long-poll, the event stream,
 * cancellation) exist only where it runs, so that instance must serve them; a finished job is read
 * from the database anywhere.
 */
@Component
public class JobHosts {

  /** Longer ids are no job's (the column holds 36 characters): the controller answers them. */
  private static final int MAX_ID_LENGTH = 36;

  private final JdbcClient jdbc;

  JobHosts(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** The id of the instance running job {@code id} while it is queued or running; else empty. */
  public Optional<String> runningOn(String id) {
    if (id.length() > MAX_ID_LENGTH) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT instance_id FROM job WHERE id = ? AND state IN (?, ?)")
        .params(id, JobState.QUEUED.name(), JobState.RUNNING.name())
        .query(String.class)
        .optional();
  }
}
