package dev.axnode.securechannel.protocols;

import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/** A raw stream reader for tests: copies, releases and credits every buffer. */
final class Collector implements Consumer<ByteBuf> {

  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final YamuxStream stream;
  boolean ended;
  boolean reset;

  private Collector(YamuxStream stream) {
    this.stream = stream;
  }

  static Collector attach(YamuxStream stream) {
    Collector c = new Collector(stream);
    stream.handler(c).endHandler(() -> c.ended = true).resetHandler(e -> c.reset = true);
    return c;
  }

  @Override
  public void accept(ByteBuf buf) {
    int n = buf.readableBytes();
    byte[] copy = new byte[n];
    buf.readBytes(copy);
    bytes.writeBytes(copy);
    buf.release();
    stream.consumed(n);
  }

  byte[] take() {
    byte[] out = bytes.toByteArray();
    bytes.reset();
    return out;
  }
}
