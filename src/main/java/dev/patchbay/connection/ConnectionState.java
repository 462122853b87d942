package dev.patchbay.connection;

/**
 * Lifecycle of a {@link BaseConnection}: {@code NEW → CONNECTING → CONNECTED → DISCONNECTED |
 * FAILED}. {@code DISCONNECTED} and {@code FAILED} may be opened again.
 */
public enum ConnectionState {
  NEW,
  CONNECTING,
  CONNECTED,
  DISCONNECTED,
  FAILED
}
