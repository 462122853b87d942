package dev.patchbay.manager;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every live session of this instance, read from the managers in memory (no database call): what
 * the console lists in one call instead of one per device. Takes each device's manager lock
 * briefly; do not call it from a {@link SessionLifecycle} listener.
 */
@Component
public class LiveSessions {

  private static final Comparator<LiveSession> ORDER =
      Comparator.comparing(LiveSession::device).thenComparing(LiveSession::alias);

  private final ConnectionManagerRegistry registry;

  LiveSessions(ConnectionManagerRegistry registry) {
    this.registry = registry;
  }

  /** The live sessions, by device then alias. */
  public List<LiveSession> all() {
    List<LiveSession> all = new ArrayList<>();
    for (ConnectionManager manager : registry.managers()) {
      for (ManagedSession session : manager.sessions()) {
        all.add(LiveSession.of(session, manager.openedBy(session.alias())));
      }
    }
    all.sort(ORDER);
    return all;
  }

  /** The session {@code alias} of {@code device}, if it is live. */
  public Optional<LiveSession> find(String device, String alias) {
    return registry
        .existing(device)
        .flatMap(
            manager ->
                manager.sessions().stream()
                    .filter(session -> session.alias().equals(alias))
                    .findFirst()
                    .map(session -> LiveSession.of(session, manager.openedBy(alias))));
  }
}
