package dev.patchbay.terminal;

import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.Terminal;
import dev.patchbay.manager.SessionState;
import dev.patchbay.manager.SessionTerminals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The viewers of one live session. Every chunk its {@link SessionOutput} reads goes to the {@link
 * Scrollback} and each viewer's bounded queue; the hub never waits for a viewer. Viewers' input
 * passes the {@link InputGate} on its way to the device and is handed to the session's recorder.
 * The session's events (from {@link TerminalHubs}) move it to the next terminal after a reconnect,
 * update the state viewers see and end it.
 */
final class TerminalHub implements SessionOutput.Listener {

  private static final String CLOSED = "CLOSED";

  private final String device;
  private final String alias;
  private final SessionTerminals sessions;
  private final TerminalProperties properties;
  private final JsonMapper json;
  private final Executor blocking;
  private final Consumer<TerminalHub> onEnd;
  private final WriteControlAudit audit;
  private final Runnable presenceChanged;
  private final Map<String, Viewer> viewers = new LinkedHashMap<>();
  private final Scrollback scrollback;
  private final InputGate gate;
  private final SessionOutput output;
  private volatile String state = SessionState.CONNECTED.name();
  private int viewerCount;
  private final TerminalMetrics metrics;
  private boolean openedByViewer;
  private boolean ended;
  private SessionEnd endedWith;

  TerminalHub(
      String device,
      String alias,
      SessionTerminals sessions,
      TerminalProperties properties,
      JsonMapper json,
      Executor blocking,
      Consumer<TerminalHub> onEnd,
      WriteControlAudit audit,
      TerminalMetrics metrics,
      Runnable presenceChanged) {
    this.metrics = metrics;
    this.presenceChanged = presenceChanged;
    this.device = device;
    this.alias = alias;
    this.sessions = sessions;
    this.properties = properties;
    this.json = json;
    this.blocking = blocking;
    this.onEnd = onEnd;
    this.audit = audit;
    this.scrollback = new Scrollback(properties.scrollback().toBytes());
    this.gate = new InputGate(properties);
    this.output = new SessionOutput(device, alias, sessions, this);
  }

  /** How many viewers are attached now. */
  synchronized int viewers() {
    return viewers.size();
  }

  /** Who holds write control and who watches, now. */
  synchronized Presence presence() {
    WriteControl control = gate.control();
    Viewer holding = control.viewer();
    String writer =
        control.automationHolds() ? Presence.AUTOMATION : holding == null ? null : holding.name();
    return new Presence(writer, viewers.values().stream().map(Viewer::name).toList());
  }

  /** Starts reading the session's output from {@code first}. */
  void start(Terminal first) {
    output.start(first);
  }

  String device() {
    return device;
  }

  /** The session was opened by a viewer: close it when the last viewer leaves. */
  synchronized void closeWithLastViewer() {
    openedByViewer = true;
  }

  /**
   * Attaches a viewer named after its API token; it first receives the scrollback. An opener
   * ({@code takeWrite}) also takes write control when nobody holds it, so that it can type at once.
   * Null when the hub has ended.
   */
  Viewer attach(String name, boolean takeWrite) {
    Viewer viewer;
    boolean granted;
    synchronized (this) {
      if (ended) {
        return null;
      }
      viewer =
          new Viewer(
              "v" + (++viewerCount),
              name,
              properties.viewerBuffer().toBytes(),
              new OutputWindow(
                  properties.outputHighWatermark().toBytes(),
                  properties.outputLowWatermark().toBytes()),
              skipped -> json.writeValueAsString(ServerMessage.skipped(skipped)),
              metrics);
      byte[] history = scrollback.snapshot();
      if (history.length > 0) {
        viewer.queueOutput(history);
      }
      viewers.put(viewer.id(), viewer);
      WriteControl control = gate.control();
      granted =
          takeWrite
              && control.viewer() == null
              && !control.automationHolds()
              && control.request(viewer);
    }
    if (granted) {
      audit.granted(viewer);
    }
    publishStatus();
    return viewer;
  }

  /** Detaches a viewer, releasing its write control; may close a session a viewer opened. */
  void detach(Viewer viewer) {
    boolean closeSession;
    boolean released;
    synchronized (this) {
      if (viewers.remove(viewer.id()) == null) {
        return;
      }
      released = gate.leave(viewer);
      viewer.finish();
      closeSession = viewers.isEmpty() && openedByViewer && !ended;
    }
    if (released) {
      audit.released(viewer, true);
    }
    viewer.drain();
    publishStatus();
    if (closeSession) {
      blocking.execute(() -> sessions.closeAfterLastViewer(device, alias));
    }
  }

  void requestWrite(Viewer viewer) {
    String refusedBy = null;
    boolean taken = false;
    synchronized (this) {
      boolean held = gate.control().mayWrite(viewer);
      if (gate.control().request(viewer)) {
        taken = !held;
      } else {
        refusedBy = gate.holder();
      }
    }
    if (refusedBy != null) {
      notice(viewer, "write-refused", "write control is held by " + refusedBy);
      audit.refused(viewer, refusedBy);
    } else if (taken) {
      audit.granted(viewer);
    }
    publishStatus();
  }

  /**
   * Gives write control to {@code viewer} (an ADMIN's: the caller checks) even when another viewer
   * holds it; refused while REST automation runs. The previous holder is told.
   */
  void forceWrite(Viewer viewer) {
    boolean automation;
    Viewer previous = null;
    synchronized (this) {
      automation = gate.control().automationHolds();
      if (!automation) {
        previous = gate.control().force(viewer);
      }
    }
    if (automation) {
      notice(
          viewer, "write-refused", "write control is held by REST automation until its call ends");
      return;
    }
    audit.forced(viewer, previous);
    if (previous != null) {
      notice(
          previous,
          "write-taken",
          "write control was taken by viewer " + viewer.id() + " (" + viewer.name() + ")");
    }
    publishStatus();
  }

  void releaseWrite(Viewer viewer) {
    boolean released;
    synchronized (this) {
      released = gate.control().release(viewer);
    }
    if (released) {
      audit.released(viewer, false);
      publishStatus();
    }
  }

  /** Sends typed bytes to the device and the recording if the gate lets them pass (blocking). */
  void input(Viewer viewer, byte[] bytes) {
    InputGate.Refusal refused;
    synchronized (this) {
      refused = gate.checkInput(viewer, bytes.length);
    }
    if (refused != null) {
      notice(viewer, refused.code(), refused.message());
      return;
    }
    // The recorder judges the input against the output sent so far, so it must see the input
    // before the device can answer it (an echoed newline would hide the password prompt).
    sessions.recorder(device, alias).ifPresent(recorder -> recorder.input(bytes));
    try {
      output.terminal().write(bytes);
    } catch (ConnectionException e) {
      notice(viewer, "write-failed", e.getMessage());
    }
  }

  /** Resizes the device's window if the viewer holds write control (blocking). */
  void resize(Viewer viewer, int columns, int rows) {
    InputGate.Refusal refused;
    synchronized (this) {
      refused = gate.checkWriter(viewer);
    }
    if (refused != null) {
      notice(viewer, refused.code(), refused.message());
      return;
    }
    if (columns < 1 || rows < 1 || columns > 1000 || rows > 1000) {
      notice(viewer, "bad-message", "resize needs 1..1000 columns and rows");
      return;
    }
    try {
      output.terminal().resize(columns, rows);
      sessions.recorder(device, alias).ifPresent(recorder -> recorder.resize(columns, rows));
    } catch (ConnectionException e) {
      notice(viewer, "write-failed", e.getMessage());
    }
  }

  /** REST automation by {@code actor} starts using the session, taking write control. */
  void automationStarted(String actor) {
    Viewer preempted;
    synchronized (this) {
      WriteControl control = gate.control();
      preempted = control.automationHolds() ? null : control.viewer();
      control.automationStarted();
    }
    if (preempted != null) {
      audit.preempted(actor, preempted);
    }
    publishStatus();
  }

  /** REST automation finished, handing write control back to the viewer that held it. */
  void automationFinished() {
    Viewer returned;
    synchronized (this) {
      WriteControl control = gate.control();
      control.automationFinished();
      returned = control.automationHolds() ? null : control.viewer();
    }
    if (returned != null) {
      audit.returned(returned);
    }
    publishStatus();
  }

  /** The session reconnected: its output is read from {@code next} once the old stream ended. */
  void terminalReplaced(Terminal next) {
    output.replaced(next);
  }

  /**
   * The session's state changed; viewers are told. A close is told by {@link #end()}, which follows
   * with who closed it and why.
   */
  @Override
  public void state(SessionState now) {
    if (now != SessionState.CLOSED && !isEnded() && !now.name().equals(state)) {
      state = now.name();
      publishStatus();
    }
  }

  void notice(Viewer viewer, String code, String message) {
    viewer.queueNotice(json.writeValueAsString(ServerMessage.error(code, message)));
    viewer.drain();
  }

  /** Output queued for a viewer and not yet sent (bounded by the viewer buffer). */
  Optional<Long> bufferedOutput(String viewerId) {
    synchronized (this) {
      return Optional.ofNullable(viewers.get(viewerId)).map(Viewer::bufferedOutput);
    }
  }

  /**
   * The session is closing: its viewers' last status (when the output ends or the close is done)
   * says who closed it and why.
   */
  synchronized void closing(SessionEnd why) {
    endedWith = why;
  }

  /** Stops reading and detaches every viewer. */
  @Override
  public void end() {
    List<Viewer> left;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      state = CLOSED;
      left = new ArrayList<>(viewers.values());
    }
    output.stop();
    publishStatus();
    left.forEach(
        viewer -> {
          viewer.finish();
          viewer.drain();
        });
    onEnd.accept(this);
  }

  @Override
  public void output(byte[] chunk) {
    List<Viewer> targets;
    synchronized (this) {
      scrollback.add(chunk);
      for (Viewer viewer : viewers.values()) {
        viewer.queueOutput(chunk);
      }
      targets = new ArrayList<>(viewers.values());
    }
    targets.forEach(Viewer::drain);
  }

  @Override
  public void skipped(long lost) {
    List<Viewer> targets;
    synchronized (this) {
      targets = new ArrayList<>(viewers.values());
    }
    metrics.skipped(lost * targets.size());
    String message = json.writeValueAsString(ServerMessage.skipped(lost));
    targets.forEach(
        viewer -> {
          viewer.queueNotice(message);
          viewer.drain();
        });
  }

  private void publishStatus() {
    List<Viewer> targets;
    synchronized (this) {
      WriteControl control = gate.control();
      Viewer holding = control.automationHolds() ? null : control.viewer();
      String writer = control.automationHolds() ? WriteControl.AUTOMATION : idOf(holding);
      List<String> names = viewers.values().stream().map(Viewer::name).toList();
      for (Viewer viewer : viewers.values()) {
        viewer.queueStatus(
            json.writeValueAsString(
                ServerMessage.status(
                    state,
                    writer,
                    holding == null ? null : holding.name(),
                    viewer.id(),
                    control.mayWrite(viewer),
                    names,
                    properties,
                    ended ? endedWith : null)));
      }
      targets = new ArrayList<>(viewers.values());
    }
    targets.forEach(Viewer::drain);
    presenceChanged.run();
  }

  private static String idOf(Viewer viewer) {
    return viewer == null ? null : viewer.id();
  }

  private synchronized boolean isEnded() {
    return ended;
  }
}
