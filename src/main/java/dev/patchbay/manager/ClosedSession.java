package dev.patchbay.manager;

/**
 * A session that has just closed, as {@link SessionLifecycle} listeners see it: what its {@code
 * session.close} audit event says.
 *
 * @param device device name
 * @param alias session alias
 * @param closedBy the principal that closed it, or null when Patchbay did (its last viewer left, a
 *     lease expired, the service stopped)
 * @param reason why, in words ({@code closed by request}, {@code the device's lease expired} ...)
 */
public record ClosedSession(String device, String alias, String closedBy, String reason) {}
