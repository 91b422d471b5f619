package dev.axnode.securechannel.protocols;

import dev.axnode.yamux.YamuxException;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;

/**
 * Common plumbing for one protocol on one negotiated stream: leftover bytes first, then each
 * received buffer, borrowed by {@link #onBytes} and released here; window credit returned
 * after processing; any failure resets the stream and is reported once to {@link #onFailure}.
 */
abstract class ProtocolStream {

  protected final YamuxStream stream;
  private boolean finished;
  private boolean creditOnlyWhenWritable;
  private int heldCredit;

  ProtocolStream(YamuxStream stream) {
    this.stream = stream;
  }

  /** Starts reading; takes ownership of {@code leftover}, whose credit was already returned. */
  final void start(ByteBuf leftover) {
    if (stream.isReset()) {
      // Reset between negotiation and now, while no reset handler was installed.
      leftover.release();
      finished = true;
      onFailure(error("stream was reset", null));
      return;
    }
    stream.resetHandler(this::onReset);
    try {
      if (leftover.isReadable()) {
        process(leftover);
      }
    } finally {
      leftover.release();
    }
    if (!finished) {
      stream.handler(this::onData).endHandler(this::onEndGuarded);
    }
  }

  /** Processes bytes; {@code in} is borrowed. Throw a {@link StreamProtocolException} to fail. */
  protected abstract void onBytes(ByteBuf in);

  /** The peer half-closed and every byte it sent was processed. */
  protected abstract void onEnd();

  /** The stream failed; it is already reset. Runs at most once. */
  protected abstract void onFailure(StreamProtocolException error);

  /** Wraps a failure that is not a protocol error (e.g. a yamux reset) with this protocol's prefix. */
  protected abstract StreamProtocolException error(String message, Throwable cause);

  /**
   * Withholds window credit while the stream cannot write: an echoing peer then cannot make
   * us queue without bound.
   */
  protected final void creditOnlyWhenWritable() {
    creditOnlyWhenWritable = true;
    stream.writabilityHandler(this::releaseHeldCredit);
  }

  /** Stops processing without a reset (the protocol completed). */
  protected final void finish() {
    finished = true;
  }

  protected final boolean isFinished() {
    return finished;
  }

  /** Resets the stream and reports {@code error}, once. */
  protected final void fail(StreamProtocolException error) {
    if (finished) {
      return;
    }
    finished = true;
    stream.reset();
    onFailure(error);
  }

  private void onData(ByteBuf buf) {
    int n = buf.readableBytes();
    try {
      process(buf);
    } finally {
      buf.release();
    }
    if (creditOnlyWhenWritable && !stream.isWritable()) {
      heldCredit += n;
    } else if (!stream.isReset()) {
      stream.consumed(n);
    }
  }

  private void process(ByteBuf buf) {
    if (finished) {
      return;
    }
    try {
      onBytes(buf);
    } catch (StreamProtocolException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(error("internal error: " + e, e));
    }
  }

  private void onEndGuarded() {
    if (finished) {
      return;
    }
    try {
      onEnd();
    } catch (StreamProtocolException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(error("internal error: " + e, e));
    }
  }

  private void onReset(YamuxException cause) {
    if (!finished) {
      finished = true;
      onFailure(error("stream reset: " + cause.getMessage(), cause));
    }
  }

  private void releaseHeldCredit() {
    if (heldCredit > 0 && !stream.isReset()) {
      int n = heldCredit;
      heldCredit = 0;
      stream.consumed(n);
    }
  }
}
