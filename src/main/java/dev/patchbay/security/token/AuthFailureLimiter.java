package dev.patchbay.security.token;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentications in fixed windows per key (a client address and the credential it
 * presented, see {@link AuthFailures}); a key that reaches the limit is refused (429) until its
 * window ends.
 */
@Component
class AuthFailureLimiter {

  private static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private record Window(Instant start, int failures) {}

  AuthFailureLimiter(AuthProperties properties) {
    this.maxFailures = properties.maxFailures();
    this.window = properties.failureWindow();
  }

  /** How long {@code key} must still wait, or {@link Duration#ZERO} when it may try. */
  Duration retryAfter(String key) {
    Window current = windows.get(key);
    if (current == null || current.failures() < maxFailures) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(Instant.now(), current.start().plus(window));
    return left.isNegative() ? Duration.ZERO : left;
  }

  void failed(String key) {
    Instant now = Instant.now();
    if (windows.size() >= MAX_TRACKED) {
      windows.values().removeIf(w -> w.start().plus(window).isBefore(now));
    }
    windows.compute(
        key,
        (k, w) ->
            w == null || w.start().plus(window).isBefore(now)
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
  }
}
