package dev.axnode.yamux;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Outstanding pings of one session and the latest RTT they measured. Not thread-safe. */
final class PingTracker {

  /** Pings awaiting an answer; beyond this a new ping fails at once rather than pile up. */
  static final int MAX_OUTSTANDING = 64;

  /**
   * Least time between two RTT probes once one was answered. Peers rate-limit the pings
   * they answer (we do: 10 a second), and a probe per window update would exceed that on
   * a fast link; one sample a second is plenty for auto-tuning.
   */
  static final long PROBE_INTERVAL_NANOS = 1_000_000_000L;

  private record Pending(long sentNanos, CompletableFuture<Duration> result) {
  }

  private final Map<Long, Pending> outstanding = new HashMap<>();
  private long nextOpaque;
  private long rttNanos = -1;
  /** The opaque value of the RTT probe in flight, or -1. */
  private long probe = -1;
  private long lastProbeNanos;

  /** Registers a ping sent now; returns its opaque value, or -1 when too many are pending. */
  long start(long nowNanos, CompletableFuture<Duration> result) {
    if (outstanding.size() >= MAX_OUTSTANDING) {
      return -1;
    }
    long opaque = nextOpaque;
    nextOpaque = (nextOpaque + 1) & FrameHeader.MAX_U32;
    outstanding.put(opaque, new Pending(nowNanos, result));
    return opaque;
  }

  /**
   * Registers an RTT probe sent now, unless one is still in flight or the last one was
   * less than {@link #PROBE_INTERVAL_NANOS} ago; returns its opaque value, or -1 when none
   * is to be sent.
   */
  long startProbe(long nowNanos) {
    if (probe >= 0 || (rttNanos > 0 && nowNanos - lastProbeNanos < PROBE_INTERVAL_NANOS)) {
      return -1;
    }
    lastProbeNanos = nowNanos;
    probe = start(nowNanos, new CompletableFuture<>());
    return probe;
  }

  /** Completes the ping an ACK answers; an unknown value (late, forged) is ignored. */
  void acked(long opaque, long nowNanos) {
    if (opaque == probe) {
      probe = -1;
    }
    Pending p = outstanding.remove(opaque);
    if (p != null) {
      rttNanos = Math.max(1, nowNanos - p.sentNanos());
      p.result().complete(Duration.ofNanos(rttNanos));
    }
  }

  /** The latest measured round-trip time in nanoseconds, or -1 before the first answer. */
  long rttNanos() {
    return rttNanos;
  }

  void failAll(Throwable cause) {
    for (Pending p : outstanding.values()) {
      p.result().completeExceptionally(cause);
    }
    outstanding.clear();
    probe = -1;
  }
}
