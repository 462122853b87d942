package dev.patchbay.manager;

import java.time.Instant;

/**
 * A live session as the layers above the manager see it (the console's session overview).
 *
 * @param device device name
 * @param testbed the device's testbed when the session opened, or null
 * @param alias session alias
 * @param via connection definition used
 * @param protocol driver protocol
 * @param state what the session can do now
 * @param openedAt when it opened
 * @param openedBy the principal that opened it, or null
 * @param poolSize connections held (1 unless pooled)
 * @param failure why the connection was lost, while it is not connected; null otherwise
 */
public record LiveSession(
    String device,
    String testbed,
    String alias,
    String via,
    String protocol,
    SessionState state,
    Instant openedAt,
    String openedBy,
    int poolSize,
    SessionFailure failure) {

  static LiveSession of(ManagedSession session, String openedBy) {
    SessionTarget target = session.target();
    return new LiveSession(
        target.device(),
        target.testbed(),
        session.alias(),
        target.via(),
        target.protocol(),
        session.state(),
        session.openedAt(),
        openedBy,
        session.size(),
        session.failure().orElse(null));
  }
}
