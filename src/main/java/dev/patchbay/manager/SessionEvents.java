package dev.patchbay.manager;

import dev.patchbay.io.Terminal;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells every {@link SessionLifecycle} bean what happened to a session. The beans are looked up
 * lazily, on the first event, because some of them depend on the manager; a listener that throws is
 * logged and does not keep the others from being told.
 */
@Component
class SessionEvents {

  private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

  private final ObjectProvider<SessionLifecycle> beans;
  private volatile List<SessionLifecycle> listeners;

  SessionEvents(ObjectProvider<SessionLifecycle> beans) {
    this.beans = beans;
  }

  void opened(ManagedSession session, String openedBy) {
    OpenedSession opened =
        new OpenedSession(
            session.target().device(),
            session.alias(),
            openedBy,
            session.pool().isPresent(),
            session.terminals());
    tell(listener -> listener.sessionOpened(opened));
  }

  void terminalReplaced(String device, String alias, int member, Terminal terminal) {
    tell(listener -> listener.terminalReplaced(device, alias, member, terminal));
  }

  void stateChanged(String device, String alias, SessionState state) {
    tell(listener -> listener.stateChanged(device, alias, state));
  }

  void closing(ClosedSession closing) {
    tell(listener -> listener.sessionClosing(closing));
  }

  void closed(ClosedSession closed) {
    tell(listener -> listener.sessionClosed(closed));
  }

  private void tell(Consumer<SessionLifecycle> event) {
    List<SessionLifecycle> resolved = listeners;
    if (resolved == null) {
      resolved = beans.orderedStream().toList();
      listeners = resolved;
    }
    for (SessionLifecycle listener : resolved) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        log.warn("session listener {} failed", listener.getClass().getSimpleName(), e);
      }
    }
  }
}
