package dev.axnode.yamux;

/**
 * Receive-side flow control of one stream, with window auto-tuning.
 *
 * <p>Three quantities, all in bytes: {@code window} is the size we currently allow the
 * peer to have outstanding; {@code credit} is what the peer may still send before it
 * hears from us; {@code unconsumed} has been handed to the application but not yet
 * released with {@code consumed()}. Bytes the application consumed but we have not yet
 * re-advertised are {@code window - credit - unconsumed}; they go back to the peer in a
 * WINDOW_UPDATE once they reach half the window, so a slow consumer throttles the peer
 * and a fast one costs one update per half window.
 *
 * <p>Auto-tuning follows rust-yamux ({@code connection/stream/flow_control.rs}): if the
 * previous update went out less than 2 RTTs ago, the peer emptied half the window faster
 * than a round trip could refill it, so the window, not the consumer, is the bottleneck:
 * double it, up to the per-stream and per-session ceilings. go-yamux does the same with
 * 4 RTTs ({@code stream.go sendWindowUpdate}); js-libp2p-yamux copies go. A consumer that
 * is slower than the link never triggers growth. Without an RTT sample nothing grows.
 *
 * <p>Not thread-safe; owned by its stream.
 */
final class ReceiveWindow {

  /** Asks the session how much the sum of all stream windows may still grow. */
  interface Budget {
    long growthAllowance();

    void grew(long bytes);
  }

  private final int maxWindow;
  private int window;
  private long credit;
  private long unconsumed;
  private long lastUpdateNanos;

  ReceiveWindow(int initialWindow, int maxWindow, long nowNanos) {
    this.window = initialWindow;
    this.maxWindow = maxWindow;
    // The peer assumes the spec's 256 KiB until our SYN or ACK says otherwise.
    this.credit = YamuxConfig.SPEC_INITIAL_WINDOW;
    this.lastUpdateNanos = nowNanos;
  }

  int window() {
    return window;
  }

  /** Bytes the peer may send right now; a DATA frame longer than this is a protocol error. */
  long credit() {
    return credit;
  }

  long unconsumed() {
    return unconsumed;
  }

  void received(int bytes) {
    if (bytes > credit) {
      throw new YamuxProtocolException("DATA of " + bytes + " bytes exceeds window " + credit);
    }
    credit -= bytes;
    unconsumed += bytes;
  }

  /** Bytes that arrived within the credit but are dropped (the stream is closed for reading). */
  void drop(int bytes) {
    if (bytes > credit) {
      throw new YamuxProtocolException("DATA of " + bytes + " bytes exceeds window " + credit);
    }
    credit -= bytes;
  }

  void consumed(int bytes) {
    if (bytes < 0 || bytes > unconsumed) {
      throw new IllegalArgumentException(
          "yamux: consumed(" + bytes + ") but only " + unconsumed + " bytes are unconsumed");
    }
    unconsumed -= bytes;
  }

  /** Forgets undelivered bytes (dropped on reset) so the accounting stays consistent. */
  void discard(int bytes) {
    unconsumed -= Math.min(bytes, unconsumed);
  }

  /**
   * The delta to advertise now, already added to the credit, or 0 when no update is due.
   * {@code force} is for a frame that goes out anyway (SYN, ACK) and may carry the delta.
   */
  long takeUpdate(boolean force, long nowNanos, long rttNanos, Budget budget) {
    long delta = window - credit - unconsumed;
    if (!force && delta < window / 2) {
      return 0;
    }
    if (!force && rttNanos > 0 && nowNanos - lastUpdateNanos < 2 * rttNanos) {
      delta += grow(budget);
    }
    lastUpdateNanos = nowNanos;
    credit += delta;
    return delta;
  }

  private long grow(Budget budget) {
    long target = Math.min(2L * window, maxWindow);
    long growth = Math.min(target - window, Math.max(0, budget.growthAllowance()));
    if (growth > 0) {
      window += (int) growth;
      budget.grew(growth);
    }
    return growth;
  }
}
