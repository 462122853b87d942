package dev.patchbay.manager;

/**
 * What a session can do now: {@code CONNECTED} accepts calls; {@code DISCONNECTED} lost its
 * connection (the session's failure says why); {@code RECONNECTING} is opening it again; {@code
 * CLOSED} was disconnected on request or at shutdown.
 */
public enum SessionState {
  CONNECTED,
  RECONNECTING,
  DISCONNECTED,
  CLOSED
}
