package dev.axnode.yamux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open streams of a session, with the counts that bound them: inbound streams (for
 * the inbound limit) and the sum of receive windows, which bounds what the session may
 * buffer. A new stream must fit its initial window into that sum; growth by auto-tuning
 * stops a quarter below the ceiling, so a bulk transfer that grew its windows cannot lock
 * out new streams (with the 32 MiB default: 8 MiB, 32 streams at 256 KiB, stay free).
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

  /** Why a new inbound stream cannot be accepted now, or null if it can. */
  String refusal(int maxInbound, long initialWindow) {
    if (inbound >= maxInbound) {
      return inbound + " inbound streams open";
    }
    return fits(initialWindow) ? null : totalWindow + " bytes of receive window in use";
  }

  /** Whether a stream with this initial window fits into the budget. */
  boolean fits(long window) {
    return totalWindow + window <= maxTotalWindow;
  }

  long totalWindow() {
    return totalWindow;
  }

  @Override
  public long growthAllowance() {
    return maxTotalWindow - maxTotalWindow / 4 - totalWindow;
  }

  @Override
  public void grew(long bytes) {
    totalWindow += bytes;
  }
}
