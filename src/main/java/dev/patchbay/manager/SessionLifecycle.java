package dev.patchbay.manager;

import dev.patchbay.io.Terminal;

/**
 * Told when a session opens, gets a new terminal (a reconnect, a replaced pool member), changes
 * state or closes, so that whatever follows a session (web viewers, the recorder) waits for these
 * instead of polling the manager. Every Spring bean implementing it is told, in order, on the
 * thread that made the change (blocking; sometimes under the device's manager lock):
 * implementations must return quickly and must not call back into the manager.
 */
public interface SessionLifecycle {

  /** A session opened: its connections' terminals, one per pool member. */
  default void sessionOpened(OpenedSession session) {}

  /** Connection {@code member} (0 for a single session) of the session has a new terminal. */
  default void terminalReplaced(String device, String alias, int member, Terminal terminal) {}

  /** The session's state changed (a drop noticed, a reconnect started, succeeded or failed). */
  default void stateChanged(String device, String alias, SessionState state) {}

  /**
   * The session is about to close: who closes it and why (its output ends before {@link
   * #sessionClosed} is told).
   */
  default void sessionClosing(ClosedSession closing) {}

  /** The session closed and was forgotten: who closed it and why. */
  default void sessionClosed(ClosedSession closed) {}
}
