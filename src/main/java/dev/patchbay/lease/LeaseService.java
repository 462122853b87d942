package dev.patchbay.lease;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import dev.patchbay.common.JdbcThreads;
import dev.patchbay.inventory.ScopedDevices;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.Paging;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Leases of devices: acquire (all or nothing, waiting first come first served), renew, release,
 * read and list. Refused renewals and releases are audited here; grants and ends by {@link
 * LeaseLedger} in their own transaction, refused acquisitions by {@link LeaseQueue}.
 */
@Service
public class LeaseService {

  private static final Logger log = LoggerFactory.getLogger(LeaseService.class);

  private final LeaseRequestValidator validator;
  private final LeaseQueue queue;
  private final LeaseLedger ledger;
  private final LeaseRepository leases;
  private final AuditService audit;
  private final JdbcThreads jdbcThreads;
  private final LeaseMetrics metrics;

  LeaseService(
      LeaseRequestValidator validator,
      LeaseQueue queue,
      LeaseLedger ledger,
      LeaseRepository leases,
      AuditService audit,
      JdbcThreads jdbcThreads,
      LeaseMetrics metrics) {
    this.validator = validator;
    this.queue = queue;
    this.ledger = ledger;
    this.leases = leases;
    this.audit = audit;
    this.jdbcThreads = jdbcThreads;
    this.metrics = metrics;
  }

  /** Filters of a listing; null means any. */
  public record Filter(String device, String holder, Boolean active) {}

  /** Grants the lease, waiting up to the request's {@code waitSeconds}; the token is included. */
  public Mono<LeaseResponse> acquire(LeaseRequest request) {
    long asked = System.nanoTime();
    return jdbcThreads
        .call(() -> validator.validate(request))
        .flatMap(queue::acquire)
        .doOnNext(granted -> metrics.waited(Duration.ofNanos(System.nanoTime() - asked)))
        .doOnError(
            e -> {
              if (e instanceof PatchbayException p && p.type() == ProblemType.LEASE_CONFLICT) {
                metrics.refused();
              }
            })
        .map(granted -> LeaseResponse.of(granted.lease(), granted.token(), Instant.now()));
  }

  /** Extends the lease by {@code ttlSeconds} (or its last ttl) from now. Blocking. */
  public LeaseResponse renew(long id, String leaseHeader, RenewRequest body) {
    Long ttl = body == null ? null : body.ttlSeconds();
    if (ttl != null) {
      List<FieldProblem> problems = new ArrayList<>();
      validator.checkTtl(ttl, problems);
      if (!problems.isEmpty()) {
        throw PatchbayException.invalid("invalid renewal", problems);
      }
    }
    PresentedLease credentials = credentialsFor(id, leaseHeader, "lease.renew");
    return audited(
        id,
        "lease.renew",
        () -> LeaseResponse.of(ledger.renew(credentials, ttl), null, Instant.now()));
  }

  /** Ends the lease and serves the next waiters. Blocking. */
  public void release(long id, String leaseHeader) {
    PresentedLease credentials = credentialsFor(id, leaseHeader, "lease.release");
    audited(
        id,
        "lease.release",
        () -> {
          ledger.release(credentials);
          return null;
        });
    queue.devicesFreed();
  }

  /** Ends the lease without its token, for an administrator; audited. Blocking. */
  public void forceRelease(long id, String admin) {
    ledger.forceRelease(id, admin);
    log.info("lease {} ended without its token by admin '{}'", id, admin);
    queue.devicesFreed();
  }

  /**
   * The lease; for a caller limited to {@code testbeds} (null: every testbed) only a lease whose
   * devices all belong to them, anything else answered as absent.
   */
  @Transactional(readOnly = true)
  public LeaseResponse get(long id, Set<String> testbeds) {
    Specification<Lease> byId = (root, query, cb) -> cb.equal(root.get("id"), id);
    return leases
        .findOne(byId.and(visibleTo(testbeds)))
        .map(lease -> LeaseResponse.of(lease, null, Instant.now()))
        .orElseThrow(() -> PatchbayException.notFound("lease", String.valueOf(id)));
  }

  /** Newest first; only leases visible to a caller limited to {@code testbeds} (null: all). */
  @Transactional(readOnly = true)
  public PageResponse<LeaseResponse> list(Filter filter, Set<String> testbeds, int page, int size) {
    Paging.check(page, size);
    Instant now = Instant.now();
    Specification<Lease> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          if (filter.device() != null) {
            where.add(cb.isMember(filter.device(), root.<List<String>>get("devices")));
          }
          if (filter.holder() != null) {
            where.add(cb.equal(root.get("holder"), filter.holder()));
          }
          if (filter.active() != null) {
            Predicate active =
                cb.and(
                    cb.isNull(root.get("endedAt")),
                    cb.greaterThan(root.<Instant>get("expiresAt"), now));
            where.add(filter.active() ? active : cb.not(active));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    Sort newestFirst = Sort.by(Sort.Order.desc("grantedAt"), Sort.Order.desc("id"));
    return PageResponse.of(
        leases.findAll(spec.and(visibleTo(testbeds)), PageRequest.of(page, size, newestFirst)),
        lease -> LeaseResponse.of(lease, null, now));
  }

  /**
   * Leases whose every device belongs to one of {@code testbeds} (null: every lease): a lease that
   * also holds a device outside them stays hidden, so that nothing about that device shows.
   */
  private static Specification<Lease> visibleTo(Set<String> testbeds) {
    if (testbeds == null) {
      return (root, query, cb) -> cb.conjunction();
    }
    return (root, query, cb) -> {
      Subquery<Long> outside = query.subquery(Long.class);
      Root<Lease> same = outside.correlate(root);
      Join<Lease, String> device = same.join("devices");
      outside
          .select(same.get("id"))
          .where(cb.not(ScopedDevices.inTestbeds(outside, cb, device, testbeds)));
      return cb.not(cb.exists(outside));
    };
  }

  private PresentedLease credentialsFor(long id, String header, String action) {
    if (header == null || header.isBlank()) {
      throw new PatchbayException(
          ProblemType.LEASE_TOKEN, "send the lease as header 'Patchbay-Lease: <id>:<token>'");
    }
    PresentedLease credentials = PresentedLease.parse(header);
    if (credentials.leaseId() != id) {
      audit.record(
          null,
          action,
          List.of(),
          AuditOutcome.REFUSED,
          "lease header names another lease than " + id);
      throw new PatchbayException(
          ProblemType.LEASE_TOKEN, "the lease header names lease " + credentials.leaseId());
    }
    return credentials;
  }

  private <T> T audited(long id, String action, Supplier<T> change) {
    try {
      return change.get();
    } catch (PatchbayException e) {
      if (e.type() == ProblemType.LEASE_TOKEN || e.type() == ProblemType.LEASE_ENDED) {
        ledger.recordRefusal(id, action, e.getMessage());
      }
      throw e;
    }
  }
}
