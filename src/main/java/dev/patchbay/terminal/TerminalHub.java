package dev.patchbay.terminal;

import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.Terminal;
import dev.patchbay.manager.SessionState;
import dev.patchbay.manager.SessionTerminals;
import dev.patchbay.recording.SessionRecording;
import dev.patchbay.security.masking.PasswordPrompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The viewers of one live session. A single pump (a virtual thread) reads the session's {@link
 * Terminal} and hands every chunk to the scrollback, the recording (both without what is echoed
 * while a secret is entered) and each viewer's bounded queue; it never waits for a viewer. Follows
 * the session across reconnects (a new terminal) and ends when the session is gone.
 */
final class TerminalHub {

  private static final int CHUNK = 8 * 1024;
  private static final int PUMP_BUFFER = 1 << 20;

  /** How often a hub looks for the session's next terminal while it reconnects. */
  private static final Duration RECONNECT_POLL = Duration.ofMillis(200);

  /** The pump waits for output this long at a time; {@link #end} wakes it by unsubscribing. */
  private static final Duration UNTIL_OUTPUT = Duration.ofHours(1);

  private static final String CLOSED = "CLOSED";

  private final String device;
  private final String alias;
  private final SessionTerminals sessions;
  private final TerminalProperties properties;
  private final JsonMapper json;
  private final SessionRecording recording;
  private final Executor blocking;
  private final Consumer<TerminalHub> onEnd;
  private final WriteControlAudit audit;
  private final Map<String, Viewer> viewers = new LinkedHashMap<>();
  private final ChunkQueue scrollback;
  private final WriteControl writeControl = new WriteControl();
  private final PasswordPrompt passwordPrompt = new PasswordPrompt();
  private volatile Terminal terminal;
  private volatile Terminal.Subscription reading;
  private volatile String state = SessionState.CONNECTED.name();
  private int viewerCount;
  private boolean openedByViewer;
  private boolean ended;

  TerminalHub(
      String device,
      String alias,
      SessionTerminals sessions,
      TerminalProperties properties,
      JsonMapper json,
      SessionRecording recording,
      Executor blocking,
      Consumer<TerminalHub> onEnd,
      WriteControlAudit audit) {
    this.device = device;
    this.alias = alias;
    this.sessions = sessions;
    this.properties = properties;
    this.json = json;
    this.recording = recording;
    this.blocking = blocking;
    this.onEnd = onEnd;
    this.audit = audit;
    this.scrollback = new ChunkQueue(properties.scrollback().toBytes());
  }

  /** Starts pumping {@code first} on a virtual thread. */
  void start(Terminal first) {
    terminal = first;
    Thread.ofVirtual().name("terminal-hub-" + device + "/" + alias).start(this::pump);
  }

  String device() {
    return device;
  }

  String alias() {
    return alias;
  }

  /** The session was opened by a viewer: close it when the last viewer leaves. */
  synchronized void closeWithLastViewer() {
    openedByViewer = true;
  }

  /**
   * Attaches a viewer named after its API token; it first receives the scrollback. Null when the
   * hub has ended.
   */
  Viewer attach(String name) {
    Viewer viewer;
    synchronized (this) {
      if (ended) {
        return null;
      }
      viewer =
          new Viewer(
              "v" + (++viewerCount),
              name,
              properties.viewerBuffer().toBytes(),
              new InputRateLimit(
                  properties.inputRate().toBytes(), properties.inputBurst().toBytes()),
              skipped -> json.writeValueAsString(ServerMessage.skipped(skipped)));
      byte[] history = scrollback.snapshot();
      if (history.length > 0) {
        viewer.queueOutput(history);
      }
      viewers.put(viewer.id(), viewer);
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
      released = writeControl.release(viewer.id());
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
    String holder;
    boolean taken;
    synchronized (this) {
      boolean held = viewer.id().equals(writeControl.holder());
      if (writeControl.request(viewer.id())) {
        holder = null;
        taken = !held;
      } else {
        holder = writeControl.holder();
        taken = false;
      }
    }
    if (holder != null) {
      String described = describe(holder);
      notice(viewer, "write-refused", "write control is held by " + described);
      audit.refused(viewer, described);
    } else if (taken) {
      audit.granted(viewer);
    }
    publishStatus();
  }

  void releaseWrite(Viewer viewer) {
    boolean released;
    synchronized (this) {
      released = writeControl.release(viewer.id());
    }
    if (released) {
      audit.released(viewer, false);
      publishStatus();
    }
  }

  /** Sends typed bytes to the device if the viewer holds write control (blocking). */
  void input(Viewer viewer, byte[] bytes) {
    long max = properties.maxInputFrame().toBytes();
    boolean record;
    synchronized (this) {
      if (!writeControl.mayWrite(viewer.id())) {
        refuseWrite(viewer);
        return;
      }
      if (bytes.length > max) {
        notice(
            viewer,
            "input-too-large",
            "input frame of " + bytes.length + " bytes refused; the limit is " + max);
        return;
      }
      if (!viewer.takeInput(bytes.length)) {
        notice(
            viewer,
            "input-rate-limited",
            "input of "
                + bytes.length
                + " bytes refused; the limit is "
                + properties.inputRate().toBytes()
                + " bytes/s");
        return;
      }
      record = !passwordPrompt.isShown();
    }
    try {
      terminal.write(bytes);
      if (record) {
        recording.input(bytes);
      }
    } catch (ConnectionException e) {
      notice(viewer, "write-failed", e.getMessage());
    }
  }

  /** Resizes the device's window if the viewer holds write control (blocking). */
  void resize(Viewer viewer, int columns, int rows) {
    synchronized (this) {
      if (!writeControl.mayWrite(viewer.id())) {
        refuseWrite(viewer);
        return;
      }
    }
    if (columns < 1 || rows < 1 || columns > 1000 || rows > 1000) {
      notice(viewer, "bad-message", "resize needs 1..1000 columns and rows");
      return;
    }
    try {
      terminal.resize(columns, rows);
      recording.resize(columns, rows);
    } catch (ConnectionException e) {
      notice(viewer, "write-failed", e.getMessage());
    }
  }

  /** REST automation by {@code actor} starts using the session, taking write control. */
  void automationStarted(String actor) {
    Viewer preempted;
    synchronized (this) {
      preempted = holdingViewer();
      writeControl.automationStarted();
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
      writeControl.automationFinished();
      returned = holdingViewer();
    }
    if (returned != null) {
      audit.returned(returned);
    }
    publishStatus();
  }

  /** The viewer holding write control, null when nobody or the automation holds it. */
  private synchronized Viewer holdingViewer() {
    String holder = writeControl.holder();
    return holder == null ? null : viewers.get(holder);
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

  /** Stops the pump and detaches every viewer. */
  void end() {
    List<Viewer> left;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      state = CLOSED;
      left = new ArrayList<>(viewers.values());
    }
    Terminal.Subscription pumped = reading;
    if (pumped != null) {
      pumped.close();
    }
    publishStatus();
    left.forEach(
        viewer -> {
          viewer.finish();
          viewer.drain();
        });
    recording.close();
    onEnd.accept(this);
  }

  private void pump() {
    Terminal current = terminal;
    try {
      while (current != null) {
        try (Terminal.Subscription subscription = current.subscribe(PUMP_BUFFER)) {
          reading = subscription;
          refreshState();
          byte[] buffer = new byte[CHUNK];
          int n;
          while (!isEnded() && (n = subscription.read(buffer, UNTIL_OUTPUT)) >= 0 && !isEnded()) {
            long lost = subscription.takeSkipped();
            if (lost > 0) {
              broadcastSkipped(lost);
            }
            if (n > 0) {
              fanOut(Arrays.copyOf(buffer, n));
            }
          }
        }
        current = nextTerminal(current);
      }
    } finally {
      end();
    }
  }

  private void fanOut(byte[] chunk) {
    List<Viewer> targets;
    byte[] kept;
    synchronized (this) {
      kept = passwordPrompt.seen(chunk);
      if (kept.length > 0) {
        scrollback.offer(kept);
      }
      for (Viewer viewer : viewers.values()) {
        viewer.queueOutput(chunk);
      }
      targets = new ArrayList<>(viewers.values());
    }
    if (kept.length > 0) {
      recording.output(kept);
    }
    targets.forEach(Viewer::drain);
  }

  /** Waits for the session's next terminal (after a reconnect); null when the session is gone. */
  private Terminal nextTerminal(Terminal previous) {
    while (!isEnded()) {
      Optional<Terminal> now = sessions.terminal(device, alias);
      if (now.isEmpty()) {
        return null;
      }
      refreshState();
      // Take the new terminal once the session says CONNECTED, so that viewers are told.
      if (now.get() != previous
          && !now.get().isEnded()
          && SessionState.CONNECTED.name().equals(state)) {
        terminal = now.get();
        return now.get();
      }
      try {
        Thread.sleep(RECONNECT_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private void refreshState() {
    String now = sessions.state(device, alias).map(Enum::name).orElse(CLOSED);
    if (!now.equals(state)) {
      state = now;
      publishStatus();
    }
  }

  private void broadcastSkipped(long lost) {
    List<Viewer> targets;
    synchronized (this) {
      targets = new ArrayList<>(viewers.values());
    }
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
      String holder = writeControl.holder();
      Viewer holding = holder == null ? null : viewers.get(holder);
      for (Viewer viewer : viewers.values()) {
        viewer.queueStatus(
            json.writeValueAsString(
                ServerMessage.status(
                    state,
                    holder,
                    holding == null ? null : holding.name(),
                    viewer.id(),
                    writeControl.mayWrite(viewer.id()),
                    viewers.size())));
      }
      targets = new ArrayList<>(viewers.values());
    }
    targets.forEach(Viewer::drain);
  }

  private void refuseWrite(Viewer viewer) {
    String holder = writeControl.holder();
    notice(
        viewer,
        "write-refused",
        holder == null
            ? "request write control first"
            : "write control is held by " + describe(holder));
  }

  private synchronized String describe(String holder) {
    if (WriteControl.AUTOMATION.equals(holder)) {
      return "REST automation";
    }
    Viewer viewer = viewers.get(holder);
    return viewer == null ? holder : "viewer " + holder + " (" + viewer.name() + ")";
  }

  private synchronized boolean isEnded() {
    return ended;
  }
}
