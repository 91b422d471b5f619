package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * The inbound half of a session: turns wire bytes, however split, into frames for the
 * session, and turns any failure into one {@link YamuxException} report instead of a
 * throw. Not thread-safe.
 */
final class WireReader {

  /** The session as the reader sees it. */
  interface Target {
    boolean isClosed();

    long maxDataLength(FrameHeader header);

    /** Handles one frame, owning its payload. */
    void onFrame(FrameHeader header, ByteBuf payload);

    void onError(YamuxException error);
  }

  private final Target target;
  private final ByteBufAllocator alloc;
  private final FrameCodec codec = new FrameCodec();
  private final Accumulator accumulator;
  private boolean reading;
  private ByteBuf reentrant;

  WireReader(Target target, ByteBufAllocator alloc) {
    this.target = target;
    this.alloc = alloc;
    this.accumulator = new Accumulator(alloc);
  }

  /** See {@link YamuxSession#receive}: borrows {@code bytes}, never throws. */
  void receive(ByteBuf bytes) {
    if (target.isClosed() || !bytes.isReadable()) {
      return;
    }
    if (reading) {
      // A callback fed us more bytes synchronously: they queue behind the current ones.
      ByteBuf copy = alloc.buffer(bytes.readableBytes());
      copy.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
      reentrant = reentrant == null ? copy : Unpooled.wrappedBuffer(reentrant, copy);
      return;
    }
    reading = true;
    try {
      process(bytes.duplicate());
      while (reentrant != null && !target.isClosed()) {
        ByteBuf next = reentrant;
        reentrant = null;
        process(next);
        next.release();
      }
    } finally {
      reading = false;
      if (target.isClosed()) {
        release();
      }
    }
  }

  /** Frees held bytes once the session is closed; deferred while a read is in progress. */
  void releaseIfIdle() {
    if (!reading) {
      release();
    }
  }

  private void process(ByteBuf in) {
    ByteBuf buf = accumulator.absorb(in);
    try {
      Frame frame;
      while (!target.isClosed() && (frame = codec.decode(buf, target::maxDataLength)) != null) {
        target.onFrame(frame.header(), frame.payload());
      }
    } catch (YamuxException e) {
      target.onError(e);
    } catch (RuntimeException e) {
      target.onError(new YamuxException(GoAwayCode.INTERNAL_ERROR, "internal error: " + e, e));
    }
    if (!target.isClosed()) {
      accumulator.keepRest(buf);
    }
  }

  private void release() {
    accumulator.release();
    if (reentrant != null) {
      reentrant.release();
      reentrant = null;
    }
  }
}
