package dev.axnode.yamux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open streams of a session, with the counts that bound them: inbound streams (for
 * the inbound limit) and the sum of receive windows (the growth budget, so auto-tuning
 * cannot promise the peers of many streams more memory than the session allows).
 */
final class StreamTable implements ReceiveWindow.Budget {

  private final Map<Long, YamuxStream> streams = new HashMap<>();
  private final long maxTotalWindow;
  private int inbound;
  private long totalWindow;

  StreamTable(long maxTotalWindow) {
    this.maxTotalWindow = maxTotalWindow;
  }

  YamuxStream get(long id) {
    return streams.get(id);
  }

  int size() {
    return streams.size();
  }

  boolean isEmpty() {
    return streams.isEmpty();
  }

  int inboundCount() {
    return inbound;
  }

  void add(YamuxStream stream) {
    streams.put(stream.id(), stream);
    totalWindow += stream.window().window();
    if (stream.isInbound()) {
      inbound++;
    }
  }

  /** Returns false if the stream was already gone. */
  boolean remove(YamuxStream stream) {
    if (streams.remove(stream.id()) == null) {
      return false;
    }
    totalWindow -= stream.window().window();
    if (stream.isInbound()) {
      inbound--;
    }
    return true;
  }

  /** A copy, safe to iterate while streams remove themselves. */
  List<YamuxStream> snapshot() {
    return new ArrayList<>(streams.values());
  }

  @Override
  public long growthAllowance() {
    return maxTotalWindow - totalWindow;
  }

  @Override
  public void grew(long bytes) {
    totalWindow += bytes;
  }
}
