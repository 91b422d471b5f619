package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;

/**
 * Bytes a stream has accepted from the application but may not send yet because the
 * peer's window is exhausted. Owns the queued buffers. Not thread-safe.
 */
final class SendQueue {

  private final ArrayDeque<ByteBuf> buffers = new ArrayDeque<>();
  private long bytes;

  long bytes() {
    return bytes;
  }

  boolean isEmpty() {
    return bytes == 0;
  }

  /** Takes ownership of a readable buffer. */
  void add(ByteBuf buf) {
    buffers.add(buf);
    bytes += buf.readableBytes();
  }

  /**
   * Up to {@code max} (> 0) bytes from the head, owned by the caller: the head buffer
   * itself when it fits, else a retained slice of it.
   */
  ByteBuf take(int max) {
    ByteBuf head = buffers.peek();
    ByteBuf out;
    if (head.readableBytes() <= max) {
      out = buffers.poll();
    } else {
      out = head.readRetainedSlice(max);
    }
    bytes -= out.readableBytes();
    return out;
  }

  void releaseAll() {
    ByteBuf buf;
    while ((buf = buffers.poll()) != null) {
      buf.release();
    }
    bytes = 0;
  }
}
