package dev.patchbay.manager;

/**
 * Told by {@link SessionService} while REST automation (execute, configure) uses a session, e.g. so
 * that web viewers see who holds write control. Called on the calling (blocking) thread;
 * implementations must return quickly.
 */
public interface SessionActivity {

  /** An execute, batch or configure call by {@code actor} starts on the session. */
  default void automationStarted(String device, String alias, String actor) {}

  /** The call that {@link #automationStarted started} has finished (successfully or not). */
  default void automationFinished(String device, String alias) {}
}
