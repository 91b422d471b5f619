package dev.axnode.securechannel.protocols;

import dev.axnode.securechannel.multistream.NegotiationState;
import dev.axnode.securechannel.multistream.Step;
import dev.axnode.yamux.YamuxException;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import java.util.function.Function;

/**
 * Runs one multistream-select negotiation (either side) over a yamux stream, bounded in
 * bytes and, with a timer, in time. On success the stream's handlers are cleared before
 * the outcome runs, so later bytes wait in the stream for the protocol's handler.
 */
final class StreamNegotiation {

  /** What the owner hears; exactly one of the two runs, once. */
  interface Outcome {
    void selected(String protocol, ByteBuf leftover);

    void failed(NegotiationException error);
  }

  private final YamuxStream stream;
  private final Function<ByteBuf, Step> negotiator;
  private final Outcome outcome;
  private final int maxBytes;
  private Runnable cancelTimer = () -> { };
  private long received;
  private boolean done;

  StreamNegotiation(YamuxStream stream, Function<ByteBuf, Step> negotiator, Outcome outcome, int maxBytes) {
    this.stream = stream;
    this.negotiator = negotiator;
    this.outcome = outcome;
    this.maxBytes = maxBytes;
  }

  /** Writes {@code first} (null for none), then listens. */
  void start(ByteBuf first, NegotiationTimer timer, long timeoutMillis) {
    stream.handler(this::onBytes).endHandler(this::onEnd).resetHandler(this::onReset);
    if (first != null) {
      send(first);
    }
    if (timer != null && !done) {
      cancelTimer = timer.schedule(timeoutMillis, () -> fail("timed out after " + timeoutMillis + " ms", false, null));
    }
  }

  /** Abandons the negotiation (the owner lost interest): resets the stream, no outcome. */
  void abandon() {
    if (!done) {
      done = true;
      cancelTimer.run();
      stream.reset();
    }
  }

  private void onBytes(ByteBuf buf) {
    int n = buf.readableBytes();
    Step step;
    try {
      if (done) {
        return;
      }
      received += n;
      if (received > maxBytes) {
        fail("negotiation exceeded " + maxBytes + " bytes", false, null);
        return;
      }
      step = negotiator.apply(buf);
    } finally {
      buf.release();
    }
    stream.consumed(n);
    send(step.toSend());
    NegotiationState state = step.state();
    if (state instanceof NegotiationState.Selected selected) {
      done = true;
      cancelTimer.run();
      stream.handler(null).endHandler(null).resetHandler(null);
      outcome.selected(selected.protocol(), selected.leftover());
    } else if (state instanceof NegotiationState.Failed failed) {
      // The dialer's negotiator words a final "na" this way; it is the only refusal it reports.
      boolean refused = failed.reason().contains("all proposals refused");
      fail(failed.reason().replaceFirst("^multistream: ", ""), refused, failed.error());
    }
  }

  private void send(ByteBuf bytes) {
    if (bytes.isReadable()) {
      stream.write(bytes);
    } else {
      bytes.release();
    }
  }

  private void onEnd() {
    fail("stream closed by the peer during negotiation", false, null);
  }

  private void onReset(YamuxException cause) {
    if (!done) {
      done = true;
      cancelTimer.run();
      outcome.failed(new NegotiationException("stream reset during negotiation", false, cause));
    }
  }

  private void fail(String message, boolean refused, Throwable cause) {
    if (done) {
      return;
    }
    done = true;
    cancelTimer.run();
    stream.reset();
    outcome.failed(new NegotiationException(message, refused, cause));
  }
}
