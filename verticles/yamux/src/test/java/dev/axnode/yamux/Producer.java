package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Writes {@code total} bytes of a known pattern while the stream is writable, then FIN. */
final class Producer {

  private final YamuxStream stream;
  private final long total;
  private final int chunk;
  long written;

  Producer(YamuxStream stream, long total, int chunk) {
    this.stream = stream;
    this.total = total;
    this.chunk = chunk;
    stream.writabilityHandler(this::run);
  }

  static byte patternAt(long offset) {
    return (byte) (offset % 251);
  }

  void run() {
    while (written < total && stream.isWritable()) {
      int n = (int) Math.min(chunk, total - written);
      ByteBuf buf = Unpooled.buffer(n);
      for (int i = 0; i < n; i++) {
        buf.writeByte(patternAt(written + i));
      }
      if (!stream.write(buf)) {
        throw new AssertionError("write refused although writable");
      }
      written += n;
    }
    if (written == total) {
      stream.closeWrite();
    }
  }
}
