package dev.patchbay.console;

import dev.patchbay.common.Blocking;
import dev.patchbay.lease.LeaseEnded;
import dev.patchbay.lease.LeaseGranted;
import dev.patchbay.manager.ClosedSession;
import dev.patchbay.manager.OpenedSession;
import dev.patchbay.manager.SessionLifecycle;
import dev.patchbay.manager.SessionState;
import dev.patchbay.security.access.DeviceTestbeds;
import dev.patchbay.security.token.TokenPrincipal;
import dev.patchbay.terminal.PresenceListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Turns session, terminal and lease events into {@link ConsoleEvent}s for every subscribed page. A
 * session's changes only mark it dirty (the listeners run under the manager's lock or on event
 * loops); one flush at a time, off those threads, reads each dirty session as it is now and
 * publishes it, or its close: a burst of changes (a paste, REST calls) becomes one event, and a
 * session is never published after its close. Each event knows the testbeds it concerns, so a
 * scoped token sees only its own.
 */
@Component
class ConsoleEvents implements SessionLifecycle, PresenceListener {

  private static final Logger log = LoggerFactory.getLogger(ConsoleEvents.class);

  /** An event and who may see it. */
  interface Published {
    Optional<ConsoleEvent> visibleTo(TokenPrincipal caller);
  }

  private final SessionOverviews sessions;
  private final DeviceTestbeds testbeds;
  private final Blocking blocking;
  private final Sinks.Many<Published> sink = Sinks.many().multicast().directBestEffort();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final Map<String, ClosedSession> closes = new ConcurrentHashMap<>();
  private final Map<String, String> sessionTestbeds = new ConcurrentHashMap<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final Object flushing = new Object();

  ConsoleEvents(SessionOverviews sessions, DeviceTestbeds testbeds, Blocking blocking) {
    this.sessions = sessions;
    this.testbeds = testbeds;
    this.blocking = blocking;
  }

  /** The events from now on; a subscriber that falls {@code buffer} events behind gets an error. */
  Flux<Published> stream(int buffer) {
    return sink.asFlux().onBackpressureBuffer(buffer);
  }

  @Override
  public void sessionOpened(OpenedSession session) {
    changed(session.device(), session.alias());
  }

  @Override
  public void stateChanged(String device, String alias, SessionState state) {
    changed(device, alias);
  }

  @Override
  public void sessionClosed(ClosedSession closed) {
    String key = key(closed.device(), closed.alias());
    if (nobodyFollows()) {
      sessionTestbeds.remove(key);
      return;
    }
    closes.put(key, closed);
    changed(closed.device(), closed.alias());
  }

  @Override
  public void presenceChanged(String device, String alias) {
    changed(device, alias);
  }

  @EventListener
  void leaseGranted(LeaseGranted granted) {
    if (nobodyFollows()) {
      return;
    }
    blocking
        .scheduler()
        .schedule(
            () ->
                publishLease(
                    "granted", granted.leaseId(), granted.holder(), null, granted.devices()));
  }

  @EventListener
  void leaseEnded(LeaseEnded ended) {
    if (nobodyFollows()) {
      return;
    }
    String reason = ended.reason().name().toLowerCase(Locale.ROOT);
    blocking
        .scheduler()
        .schedule(() -> publishLease("ended", ended.leaseId(), null, reason, ended.devices()));
  }

  /**
   * Marks the session for the next flush, unless no page follows: every execute changes its
   * session's state twice, and a flush reads the session's overview (3 % of an execute's CPU).
   */
  private void changed(String device, String alias) {
    if (nobodyFollows()) {
      return;
    }
    dirty.add(key(device, alias));
    if (flushScheduled.compareAndSet(false, true)) {
      blocking.scheduler().schedule(this::flush);
    }
  }

  /** Publishes each dirty session as it is now, or its close. Blocking (a testbed lookup). */
  private void flush() {
    synchronized (flushing) {
      flushScheduled.set(false); // a change from now on schedules the next flush
      for (String key : List.copyOf(dirty)) {
        dirty.remove(key);
        try {
          publishSession(key);
        } catch (RuntimeException e) {
          log.warn("console event for session {} failed", key.replace('\n', '/'), e);
        }
      }
    }
  }

  /** Publishes the session {@code key} as it is now, or its close. */
  private void publishSession(String key) {
    String[] parts = key.split("\n", 2);
    Optional<SessionOverview> now = sessions.find(parts[0], parts[1]);
    ClosedSession closed = closes.remove(key);
    if (now.isPresent()) {
      SessionOverview session = now.get();
      String testbed = session.testbed();
      sessionTestbeds.put(key, testbed == null ? "" : testbed);
      publish(caller -> visible(caller, testbed, ConsoleEvent.session(session)));
    } else if (closed != null) {
      String testbed =
          Optional.ofNullable(sessionTestbeds.remove(key))
              .orElseGet(() -> testbeds.testbedOf(parts[0]).orElse(""));
      ConsoleEvent event =
          ConsoleEvent.closed(closed.device(), closed.alias(), closed.closedBy(), closed.reason());
      publish(caller -> visible(caller, testbed.isEmpty() ? null : testbed, event));
    }
  }

  private void publishLease(
      String change, long leaseId, String holder, String reason, List<String> devices) {
    Map<String, String> testbedOf = new LinkedHashMap<>();
    for (String device : devices) {
      testbedOf.put(device, testbeds.testbedOf(device).orElse(""));
    }
    publish(
        caller -> {
          List<String> seen =
              devices.stream().filter(d -> caller.reaches(emptyToNull(testbedOf.get(d)))).toList();
          return seen.isEmpty()
              ? Optional.empty()
              : Optional.of(ConsoleEvent.lease(change, leaseId, holder, reason, seen));
        });
  }

  /**
   * Whether no page follows the events: a lease event costs a testbed lookup per device and a
   * session event a read of the session, which CI jobs should not pay for a console nobody has
   * open. A page lists the sessions after it starts following, so it misses nothing.
   */
  private boolean nobodyFollows() {
    return sink.currentSubscriberCount() == 0;
  }

  private void publish(Published event) {
    synchronized (sink) {
      sink.tryEmitNext(event);
    }
  }

  private static Optional<ConsoleEvent> visible(
      TokenPrincipal caller, String testbed, ConsoleEvent event) {
    return caller.reaches(testbed) ? Optional.of(event) : Optional.empty();
  }

  private static String emptyToNull(String testbed) {
    return testbed == null || testbed.isEmpty() ? null : testbed;
  }

  private static String key(String device, String alias) {
    return device + "\n" + alias;
  }
}
