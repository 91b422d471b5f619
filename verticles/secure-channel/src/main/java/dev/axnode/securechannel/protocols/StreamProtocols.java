package dev.axnode.securechannel.protocols;

import dev.axnode.securechannel.multistream.DialerNegotiation;
import dev.axnode.securechannel.multistream.ListenerNegotiation;
import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol routing on the streams of yamux sessions, by multistream-select 1.0.
 *
 * <pre>
 *   inbound stream  --&gt; ListenerNegotiation(registered ids) --&gt; handler(id).handle(stream, leftover)
 *                                                 unknown id --&gt; "na" (peer may propose again)
 *   open(session, id) --&gt; header + proposal at once --&gt; echo  --&gt; NegotiatedStream
 *                                                    --&gt; na    --&gt; NegotiationException (refused)
 * </pre>
 *
 * <p>Wiring: register handlers, then call {@link #accept} from the session listener's
 * {@code onStream}; open outbound streams with {@link #open}. One instance may serve several
 * sessions as long as its handlers hold no per-connection state; registering is meant for
 * setup, before the first stream.
 *
 * <p><b>Threading:</b> single-threaded, like yamux: call everything, and run the timer's
 * tasks, on the session's event-loop thread. Futures complete on that thread, inside the
 * yamux call that delivered the deciding bytes; nothing locks.
 */
public final class StreamProtocols {

  /** Bytes one negotiation may read before it is abandoned (the peer may retry after na). */
  public static final int DEFAULT_MAX_NEGOTIATION_BYTES = 16 * 1024;
  public static final long DEFAULT_NEGOTIATION_TIMEOUT_MILLIS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(StreamProtocols.class);

  private final Map<String, StreamHandler> handlers = new LinkedHashMap<>();
  private final NegotiationTimer timer;
  private final long timeoutMillis;
  private final int maxNegotiationBytes;

  /** Without a timer: negotiations are bounded in bytes only. */
  public StreamProtocols() {
    this(null, DEFAULT_NEGOTIATION_TIMEOUT_MILLIS, DEFAULT_MAX_NEGOTIATION_BYTES);
  }

  /**
   * @param timer schedules negotiation timeouts on the session's thread; null for none
   */
  public StreamProtocols(NegotiationTimer timer, long timeoutMillis, int maxNegotiationBytes) {
    if (timeoutMillis <= 0 || maxNegotiationBytes < 64) {
      throw new IllegalArgumentException("protocols: timeout must be > 0 and the byte bound >= 64");
    }
    this.timer = timer;
    this.timeoutMillis = timeoutMillis;
    this.maxNegotiationBytes = maxNegotiationBytes;
  }

  /** Serves {@code protocolId} on inbound streams; a later registration replaces an earlier one. */
  public StreamProtocols register(String protocolId, StreamHandler handler) {
    handlers.put(Objects.requireNonNull(protocolId, "protocolId"), Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** The registered protocol ids in registration order, e.g. for identify's protocols field. */
  public Set<String> protocolIds() {
    return Collections.unmodifiableSet(handlers.keySet());
  }

  /**
   * Takes over an inbound stream: negotiates, then hands it to the chosen protocol's handler.
   * Call from {@code YamuxSession.Listener.onStream}, before returning.
   */
  public void accept(YamuxStream stream) {
    ListenerNegotiation negotiation = new ListenerNegotiation(handlers.keySet());
    Map<String, StreamHandler> snapshot = Map.copyOf(handlers);
    new StreamNegotiation(stream, negotiation::onBytes, new StreamNegotiation.Outcome() {
      @Override
      public void selected(String protocol, ByteBuf leftover) {
        dispatch(snapshot.get(protocol), protocol, stream, leftover);
      }

      @Override
      public void failed(NegotiationException error) {
        LOG.debug("inbound stream {}: {}", stream.id(), error.getMessage());
      }
    }, maxNegotiationBytes).start(null, timer, timeoutMillis);
  }

  /**
   * Opens an outbound stream for {@code protocolId}: sends the header and the proposal at once
   * and completes with the stream when the listener echoes it. Fails with a
   * {@link NegotiationException} ({@link NegotiationException#isRefused()} on {@code na}), or
   * with the yamux exception if no stream can be opened. Cancelling the future resets the
   * stream. The future's dependents run synchronously on the session's thread.
   */
  public CompletableFuture<NegotiatedStream> open(YamuxSession session, String protocolId) {
    CompletableFuture<NegotiatedStream> result = new CompletableFuture<>();
    DialerNegotiation negotiation;
    YamuxStream stream;
    try {
      negotiation = new DialerNegotiation(List.of(protocolId));
      stream = session.openStream();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    StreamNegotiation driver = new StreamNegotiation(stream, negotiation::onBytes, new StreamNegotiation.Outcome() {
      @Override
      public void selected(String protocol, ByteBuf leftover) {
        if (!result.complete(new NegotiatedStream(protocol, stream, leftover))) {
          leftover.release();
          stream.reset();
        }
      }

      @Override
      public void failed(NegotiationException error) {
        result.completeExceptionally(error);
      }
    }, maxNegotiationBytes);
    driver.start(negotiation.start().toSend(), timer, timeoutMillis);
    result.whenComplete((ok, error) -> {
      if (result.isCancelled()) {
        driver.abandon();
      }
    });
    return result;
  }

  private static void dispatch(StreamHandler handler, String protocol, YamuxStream stream, ByteBuf leftover) {
    try {
      handler.handle(stream, leftover);
    } catch (RuntimeException e) {
      LOG.warn("protocols: handler of {} failed on stream {}; resetting it", protocol, stream.id(), e);
      stream.reset();
    }
  }
}
