package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A stream handler that copies what it receives and releases each buffer; consumption is
 * reported separately, so tests can model a fast or a slow application.
 */
final class Sink implements Consumer<ByteBuf> {

  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  long received;
  boolean ended;
  boolean autoConsume = true;
  private boolean keep = true;
  private YamuxStream stream;

  static Sink attach(YamuxStream stream) {
    Sink sink = new Sink();
    sink.stream = stream;
    stream.handler(sink).endHandler(() -> sink.ended = true);
    return sink;
  }

  Sink keepBytes(boolean keep) {
    this.keep = keep;
    return this;
  }

  @Override
  public void accept(ByteBuf buf) {
    int n = buf.readableBytes();
    received += n;
    if (keep) {
      byte[] copy = new byte[n];
      buf.readBytes(copy);
      bytes.writeBytes(copy);
    }
    buf.release();
    if (autoConsume) {
      stream.consumed(n);
    }
  }

  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
