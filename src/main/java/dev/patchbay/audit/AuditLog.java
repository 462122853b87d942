package dev.patchbay.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Records audit events off the caller's path: {@link #record} queues the event and returns at once,
 * without blocking (callable from Netty event loops); a virtual thread writes queued events in
 * batches. Events are kept in order, and written before the application context closes (beans that
 * record events are destroyed first). For an event that must commit with its change, use {@link
 * AuditService#record} inside that change's transaction instead.
 */
@Component
public class AuditLog implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final AuditBatchWriter writer;
  private final Duration shutdownTimeout;

  AuditLog(DataSource dataSource, AuditProperties properties, MeterRegistry meters) {
    AuditEventInserts inserts = new AuditEventInserts(dataSource);
    this.writer =
        new AuditBatchWriter(
            properties.queueCapacity(),
            properties.batchSize(),
            properties.linger(),
            inserts::insert,
            meters);
    this.shutdownTimeout = properties.shutdownTimeout();
  }

  /**
   * Queues an event; never blocks. {@code actor} null means {@value Actors#SYSTEM}. Secrets in the
   * detail are masked (a command or configuration line may be passed as it is).
   */
  public void record(
      String actor, String action, List<String> devices, AuditOutcome outcome, String detail) {
    writer.offer(new AuditEvent(actor, action, devices, outcome.name(), detail));
  }

  /** Waits (blocking) until the events recorded so far are written; false after {@code timeout}. */
  public boolean flush(Duration timeout) {
    return writer.flush(timeout);
  }

  /**
   * Waits (blocking) until the events recorded so far are committed, so that they survive a crash
   * of the service, for changes whose answer must not go out before their trail (configuration).
   * The writer is told at once, so this costs one transaction shared by whoever waits with it, not
   * the batching delay. Gives up, logging, after the shutdown timeout.
   */
  public void awaitCommitted() {
    if (!writer.flush(shutdownTimeout)) {
      log.warn("audit events not written within {}; answering anyway", shutdownTimeout);
    }
  }

  @Override
  public void destroy() {
    writer.close(shutdownTimeout);
  }
}
