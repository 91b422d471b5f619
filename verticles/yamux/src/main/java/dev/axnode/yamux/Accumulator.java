package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Holds wire bytes that do not yet form a whole frame. While nothing is held, frames are
 * decoded straight from the caller's buffer (payloads become retained slices of it, no
 * copy); only an incomplete tail is copied here. Its size stays bounded because the codec
 * rejects an over-long DATA header before the payload is awaited.
 *
 * <p>Slices of the held buffer may still be alive in application handlers, so it is never
 * compacted in place: when it runs out of room a fresh buffer takes the unread bytes.
 */
final class Accumulator {

  private final ByteBufAllocator alloc;
  private ByteBuf held;

  Accumulator(ByteBufAllocator alloc) {
    this.alloc = alloc;
  }

  /** The buffer to decode from: {@code bytes} itself, or the held bytes followed by it. */
  ByteBuf absorb(ByteBuf bytes) {
    if (held == null) {
      return bytes;
    }
    int needed = bytes.readableBytes();
    if (held.writableBytes() < needed) {
      // Grow geometrically: a large frame arriving in many small reads must not cost a
      // copy of everything held so far on every read.
      int size = Math.max(held.readableBytes() + needed, 2 * held.capacity());
      ByteBuf bigger = alloc.buffer(size);
      bigger.writeBytes(held);
      held.release();
      held = bigger;
    }
    held.writeBytes(bytes, bytes.readerIndex(), needed);
    return held;
  }

  /** After decoding from {@code in}: keeps its unread tail, if any, for the next call. */
  void keepRest(ByteBuf in) {
    if (in == held) {
      if (!held.isReadable()) {
        release();
      }
    } else if (in.isReadable()) {
      held = alloc.buffer(Math.max(in.readableBytes(), 4096));
      held.writeBytes(in);
    }
  }

  int heldBytes() {
    return held == null ? 0 : held.readableBytes();
  }

  void release() {
    if (held != null) {
      held.release();
      held = null;
    }
  }
}
