package dev.axnode.yamux;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Receive credit the peer still holds on streams we no longer keep, so DATA that was in
 * flight when we reset or closed a stream is dropped within the window it was sent under,
 * and DATA beyond it is caught (a peer must not stream junk on a dead stream forever).
 *
 * <p>Only streams closed with credit left are remembered (a stream the peer finished with
 * FIN or RST, or whose window it used up, owes us nothing), the {@link #CAPACITY} most
 * recent ones. When one is evicted its leftover credit goes to a shared pool for all
 * forgotten streams, capped at the spec's 256 KiB: a late frame for a forgotten stream is
 * charged against that pool. The pool only fills as entries are evicted, and evictions
 * need new streams, which the churn limit paces, so junk on dead streams is bounded by
 * credit the peer really had and can neither be buffered (it is dropped) nor go on forever.
 *
 * <p>Not thread-safe; owned by its session.
 */
final class ClosedStreams {

  /** Streams remembered at most: 4096 entries of about 80 bytes each. */
  static final int CAPACITY = 4096;

  private final int capacity;
  private final Map<Long, long[]> credits = new LinkedHashMap<>();
  private long forgottenCredit;

  ClosedStreams() {
    this(CAPACITY);
  }

  ClosedStreams(int capacity) {
    this.capacity = capacity;
  }

  /** Records a stream that ended here while the peer could still send {@code credit} bytes. */
  void remember(long id, long credit) {
    if (credit <= 0) {
      return;
    }
    credits.put(id, new long[] {credit});
    if (credits.size() > capacity) {
      Iterator<long[]> eldest = credits.values().iterator();
      forgottenCredit = Math.min(YamuxConfig.SPEC_INITIAL_WINDOW, forgottenCredit + eldest.next()[0]);
      eldest.remove();
    }
  }

  /** A stream id was opened again by the peer: it is live, no longer closed. */
  void forget(long id) {
    credits.remove(id);
  }

  /** Bytes the peer may still send on closed stream {@code id}. */
  long credit(long id) {
    long[] entry = credits.get(id);
    return entry != null ? entry[0] : forgottenCredit;
  }

  /** Charges dropped bytes against the stream's credit (or the forgotten pool). */
  void charge(long id, int bytes) {
    if (bytes == 0) {
      return;
    }
    long[] entry = credits.get(id);
    long credit = entry != null ? entry[0] : forgottenCredit;
    if (bytes > credit) {
      throw new YamuxProtocolException(
          "DATA of " + bytes + " bytes on closed stream " + id + " beyond its window " + credit);
    }
    if (entry != null) {
      entry[0] -= bytes;
    } else {
      forgottenCredit -= bytes;
    }
  }

  int size() {
    return credits.size();
  }
}
