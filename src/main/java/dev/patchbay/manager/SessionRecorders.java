package dev.patchbay.manager;

import dev.patchbay.io.Terminal;
import dev.patchbay.recording.Recordings;
import dev.patchbay.recording.TerminalRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Records every session from the moment it opens until it closes, one recording per connection (a
 * pool's members each get their own), whether or not a web viewer watches it.
 */
@Component
class SessionRecorders implements SessionLifecycle {

  private final Recordings recordings;
  private final Map<String, List<TerminalRecorder>> live = new ConcurrentHashMap<>();

  SessionRecorders(Recordings recordings) {
    this.recordings = recordings;
  }

  @Override
  public void sessionOpened(OpenedSession session) {
    List<Terminal> terminals = session.terminals();
    List<TerminalRecorder> recorders = new ArrayList<>();
    for (int member = 0; member < terminals.size(); member++) {
      String title = session.device() + "/" + session.alias();
      if (session.pooled()) {
        title += " (member " + (member + 1) + " of " + terminals.size() + ")";
      }
      TerminalRecorder recorder =
          recordings.start(session.device(), session.alias(), session.openedBy(), title);
      recorder.follow(terminals.get(member));
      recorders.add(recorder);
    }
    live.put(key(session.device(), session.alias()), List.copyOf(recorders));
  }

  @Override
  public void terminalReplaced(String device, String alias, int member, Terminal terminal) {
    List<TerminalRecorder> recorders = live.get(key(device, alias));
    if (recorders != null && member < recorders.size()) {
      recorders.get(member).follow(terminal);
    }
  }

  @Override
  public void sessionClosed(ClosedSession closed) {
    List<TerminalRecorder> recorders = live.remove(key(closed.device(), closed.alias()));
    if (recorders != null) {
      recorders.forEach(TerminalRecorder::close);
    }
  }

  /** The recorder of a single-connection session, which records what its viewers type. */
  Optional<TerminalRecorder> single(String device, String alias) {
    List<TerminalRecorder> recorders = live.get(key(device, alias));
    return recorders == null || recorders.size() != 1
        ? Optional.empty()
        : Optional.of(recorders.getFirst());
  }

  private static String key(String device, String alias) {
    return device + "\n" + alias;
  }
}
