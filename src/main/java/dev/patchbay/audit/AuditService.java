package dev.patchbay.audit;

import dev.patchbay.web.PageResponse;
import dev.patchbay.web.Paging;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records audit events and lists them. {@link #record} joins the caller's transaction when there is
 * one, so an audited change and its event commit together (leases); events that need not commit
 * with a change go through the asynchronous {@link AuditLog} instead.
 */
@Service
public class AuditService {

  private final AuditEventRepository events;
  private final AuditEventInserts inserts;

  AuditService(AuditEventRepository events, DataSource dataSource) {
    this.events = events;
    this.inserts = new AuditEventInserts(dataSource);
  }

  /**
   * Filters of a listing; null means any. {@code from} inclusive, {@code to} exclusive; {@code
   * action} is a name ({@code session.open}) or a prefix ending in {@code *} ({@code session.*}).
   */
  public record Filter(
      String device, String actor, String action, AuditOutcome outcome, Instant from, Instant to) {}

  /**
   * Writes the event on the caller's transaction (JPA or plain JDBC: either binds its connection),
   * or in a transaction of its own when there is none. Plain JDBC, no persistence context to flush
   * (ADR 0025).
   */
  public void record(
      String actor, String action, List<String> devices, AuditOutcome outcome, String detail) {
    List<AuditEvent> event =
        List.of(new AuditEvent(actor, action, devices, outcome.name(), detail));
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      inserts.insertEventsAndDevices(event);
    } else {
      inserts.insert(event);
    }
  }

  /** Newest first. */
  @Transactional(readOnly = true)
  public PageResponse<AuditEventResponse> list(Filter filter, int page, int size) {
    Paging.check(page, size);
    Specification<AuditEvent> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          if (filter.device() != null) {
            where.add(cb.isMember(filter.device(), root.<List<String>>get("devices")));
          }
          if (filter.actor() != null) {
            Predicate actor = cb.equal(root.get("actor"), filter.actor());
            where.add(
                Actors.SYSTEM.equals(filter.actor())
                    ? cb.or(actor, cb.isNull(root.get("actor")))
                    : actor);
          }
          if (filter.action() != null && filter.action().endsWith("*")) {
            String prefix = filter.action().substring(0, filter.action().length() - 1);
            where.add(cb.like(root.get("action"), likeEscaped(prefix) + "%", '\\'));
          } else if (filter.action() != null) {
            where.add(cb.equal(root.get("action"), filter.action()));
          }
          if (filter.outcome() != null) {
            where.add(cb.equal(root.get("outcome"), filter.outcome().name()));
          }
          if (filter.from() != null) {
            where.add(cb.greaterThanOrEqualTo(root.get("occurredAt"), filter.from()));
          }
          if (filter.to() != null) {
            where.add(cb.lessThan(root.get("occurredAt"), filter.to()));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    Sort newestFirst = Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"));
    return PageResponse.of(
        events.findAll(spec, PageRequest.of(page, size, newestFirst)), AuditEventResponse::of);
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
