package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The inbound half of a session: turns wire bytes, however split, into frames for the
 * session, and turns any failure into one {@link YamuxException} report instead of a
 * throw. Not thread-safe.
 */
final class WireReader {

  /** The session as the reader sees it: its state, its window rule and its handlers. */
  private final BooleanSupplier closed;
  private final FrameCodec.DataLimit limit;
  /** Handles one frame, owning its payload. */
  private final BiConsumer<FrameHeader, ByteBuf> onFrame;
  private final Consumer<YamuxException> onError;
  private final ByteBufAllocator alloc;
  private final FrameCodec codec = new FrameCodec();
  private final Accumulator accumulator;
  private boolean reading;
  private ByteBuf reentrant;

  WireReader(BooleanSupplier closed, FrameCodec.DataLimit limit,
      BiConsumer<FrameHeader, ByteBuf> onFrame, Consumer<YamuxException> onError, ByteBufAllocator alloc) {
    this.closed = closed;
    this.limit = limit;
    this.onFrame = onFrame;
    this.onError = onError;
    this.alloc = alloc;
    this.accumulator = new Accumulator(alloc);
  }

  /** See {@link YamuxSession#receive}: borrows {@code bytes}, never throws. */
  void receive(ByteBuf bytes) {
    if (closed.getAsBoolean() || !bytes.isReadable()) {
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
      while (reentrant != null && !closed.getAsBoolean()) {
        ByteBuf next = reentrant;
        reentrant = null;
        process(next);
        next.release();
      }
    } finally {
      reading = false;
      if (closed.getAsBoolean()) {
        release();
      }
    }
  }

  /** Wire bytes held for an incomplete frame (its header already consumed, if read). */
  int heldBytes() {
    return accumulator.heldBytes();
  }

  /** The header of the frame whose payload is awaited, or null. */
  FrameHeader pendingHeader() {
    return codec.pending();
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
      while (!closed.getAsBoolean() && (frame = codec.decode(buf, limit)) != null) {
        onFrame.accept(frame.header(), frame.payload());
      }
    } catch (YamuxException e) {
      onError.accept(e);
    } catch (RuntimeException e) {
      onError.accept(new YamuxException(GoAwayCode.INTERNAL_ERROR, "internal error: " + e, e));
    }
    if (!closed.getAsBoolean()) {
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
