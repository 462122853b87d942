package dev.patchbay.terminal;

/**
 * A token bucket over bytes: {@code burst} bytes at once, refilled at {@code perSecond}. Guarded by
 * its owner.
 */
final class InputRateLimit {

  private final double perNano;
  private final long burst;
  private double tokens;
  private long updated = System.nanoTime();

  InputRateLimit(long perSecond, long burst) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
  }

  /** Takes {@code bytes} tokens if there are enough; otherwise takes none. */
  boolean tryTake(int bytes) {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - updated) * perNano);
    updated = now;
    if (tokens < bytes) {
      return false;
    }
    tokens -= bytes;
    return true;
  }
}
