package dev.patchbay.terminal;

import dev.patchbay.io.Terminal;
import dev.patchbay.manager.SessionState;
import dev.patchbay.manager.SessionTerminals;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a session's output for its hub across reconnects: one {@link Terminal} at a time on a
 * virtual thread, each from its recent output (the prompt read while the connection was opened),
 * moving on to the next one when the session announces it ({@link #replaced}), and telling the hub
 * the session's state whenever the stream changes. Ends (and tells the hub) when the session is
 * gone or {@link #stop} is called.
 */
final class SessionOutput {

  /** What the hub does with what is read. */
  interface Listener {
    void output(byte[] chunk);

    /** Output lost because the pump fell behind its subscription. */
    void skipped(long bytes);

    void state(SessionState state);

    /** The session's output has ended for good. */
    void end();
  }

  private static final int CHUNK = 32 * 1024;
  private static final int BUFFER = 1 << 20;

  /** The pump waits for output this long at a time; {@link #stop} wakes it by unsubscribing. */
  private static final Duration UNTIL_OUTPUT = Duration.ofHours(1);

  private final String device;
  private final String alias;
  private final SessionTerminals sessions;
  private final Listener listener;
  private volatile Terminal terminal;
  private volatile Terminal.Subscription reading;
  private Terminal replacement;
  private boolean stopped;

  SessionOutput(String device, String alias, SessionTerminals sessions, Listener listener) {
    this.device = device;
    this.alias = alias;
    this.sessions = sessions;
    this.listener = listener;
  }

  /** Starts reading {@code first}. */
  void start(Terminal first) {
    terminal = first;
    Thread.ofVirtual().name("terminal-hub-" + device + "/" + alias).start(this::pump);
  }

  /** The terminal being read, where input goes. */
  Terminal terminal() {
    return terminal;
  }

  /** The session reconnected: reading moves on to {@code next} once the old stream has ended. */
  synchronized void replaced(Terminal next) {
    replacement = next;
    notifyAll();
  }

  /** Stops reading. */
  void stop() {
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
    Terminal.Subscription subscription = reading;
    if (subscription != null) {
      subscription.close();
    }
  }

  private void pump() {
    Terminal current = terminal;
    try {
      while (current != null) {
        try (Terminal.Subscription subscription = current.subscribeWithRecent(BUFFER)) {
          reading = subscription;
          refreshState();
          byte[] buffer = new byte[CHUNK];
          int n;
          while (!isStopped() && (n = subscription.read(buffer, UNTIL_OUTPUT)) >= 0) {
            long lost = subscription.takeSkipped();
            if (lost > 0) {
              listener.skipped(lost);
            }
            if (n > 0 && !isStopped()) {
              listener.output(Arrays.copyOf(buffer, n));
            }
          }
        }
        current = next(current);
      }
    } finally {
      listener.end();
    }
  }

  /**
   * After {@code previous} ended: the session's next terminal, as {@link #replaced} hands it over
   * (or as the session has it already, when the reconnect beat the pump); null when the session is
   * gone or reading stopped.
   */
  private Terminal next(Terminal previous) {
    refreshState();
    Optional<Terminal> now = sessions.terminal(device, alias);
    if (now.isEmpty()) {
      return null;
    }
    boolean connected =
        sessions.state(device, alias).filter(SessionState.CONNECTED::equals).isPresent();
    synchronized (this) {
      if (replacement == null && now.get() != previous && !now.get().isEnded() && connected) {
        replacement = now.get();
      }
      while (!stopped && (replacement == null || replacement == previous)) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      if (stopped) {
        return null;
      }
      terminal = replacement;
      return replacement;
    }
  }

  private void refreshState() {
    sessions.state(device, alias).ifPresent(listener::state);
  }

  private synchronized boolean isStopped() {
    return stopped;
  }
}
