package dev.patchbay.terminal;

/**
 * Told when a session's {@link Presence} may have changed: a viewer attached or left, write control
 * changed hands, the state changed. Every Spring bean implementing it is told, sometimes on a Netty
 * event loop: return at once, do not block.
 */
public interface PresenceListener {

  void presenceChanged(String device, String alias);
}
