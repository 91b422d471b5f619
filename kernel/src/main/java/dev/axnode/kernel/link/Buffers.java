package dev.axnode.kernel.link;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/** Between Vert.x buffers (what links carry) and Netty ByteBufs (what the protocol codecs use), without copying. */
public final class Buffers {

  private Buffers() {
  }

  /** A ByteBuf view of {@code buffer}'s bytes: writes through it change the buffer. */
  public static ByteBuf byteBuf(Buffer buffer) {
    return ((BufferInternal) buffer).getByteBuf();
  }

  /** A Buffer over {@code buf}'s readable bytes, taking it over (Vert.x buffers start at index 0, hence the slice). */
  public static Buffer buffer(ByteBuf buf) {
    return BufferInternal.buffer(buf.readerIndex() == 0 ? buf : buf.slice());
  }
}
