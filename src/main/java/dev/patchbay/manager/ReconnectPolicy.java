package dev.patchbay.manager;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How a dropped session with {@code settings.reconnect: true} is reopened: at most {@code attempts}
 * times, waiting {@code backoff} before the first and twice as long before each next one, on {@code
 * executor}.
 */
record ReconnectPolicy(int attempts, Duration backoff, Executor executor) {

  /** The delay before attempt {@code n} (0-based). */
  Duration delayBefore(int n) {
    return backoff.multipliedBy(1L << Math.min(n, 16));
  }
}
