package dev.axnode.yamux;

/**
 * A token bucket on the session's nanosecond clock: {@code perSecond} tokens a second, at
 * most {@code burst} saved up, full at start. Counts in nanoseconds of refill time, so no
 * rounding accumulates between calls. Not thread-safe.
 */
final class TokenBucket {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long nanosPerToken;
  private final long capacityNanos;
  private long savedNanos;
  private long lastNanos;

  TokenBucket(int perSecond, int burst, long nowNanos) {
    this.nanosPerToken = NANOS_PER_SECOND / perSecond;
    this.capacityNanos = nanosPerToken * burst;
    this.savedNanos = capacityNanos;
    this.lastNanos = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryTake(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      // Never above capacity, so a long idle period cannot be banked for a later flood.
      savedNanos = Math.min(capacityNanos, savedNanos + Math.min(elapsed, capacityNanos));
      lastNanos = nowNanos;
    }
    if (savedNanos < nanosPerToken) {
      return false;
    }
    savedNanos -= nanosPerToken;
    return true;
  }
}
