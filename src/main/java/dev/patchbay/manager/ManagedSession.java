package dev.patchbay.manager;

import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.ConfigureResult;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.io.Terminal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A live session of a device under an alias: one connection, or a {@link ConnectionPool} of
 * identical ones. Calls block; run them off the event loop.
 */
interface ManagedSession extends AutoCloseable {

  String alias();

  SessionTarget target();

  Instant openedAt();

  SessionState state();

  /** Why the session lost its connection, while it is not connected. */
  Optional<SessionFailure> failure();

  /** Pool statistics, empty for a single connection. */
  Optional<PoolStats> pool();

  /** How many connections the session holds (its pool size). */
  int size();

  ExecuteResult execute(ExecuteRequest request);

  ConfigureResult configure(ConfigureRequest request);

  /** Called periodically: notices a dropped connection and reconnects when the target asks. */
  void checkHealth(ReconnectPolicy policy);

  /** The byte streams of the session's connections as of now, one per pool member. */
  List<Terminal> terminals();

  /** The byte stream of the current connection; empty for a pool (members are not attachable). */
  default Optional<Terminal> terminal() {
    return Optional.empty();
  }

  /** Closes every connection of the session. Idempotent. */
  @Override
  void close();
}
