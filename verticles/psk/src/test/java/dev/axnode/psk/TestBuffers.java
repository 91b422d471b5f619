package dev.axnode.psk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/** Test data behind 7 bytes of something else, in each kind of buffer a cipher may get. */
final class TestBuffers {

  static final int LEAD = 7;

  private TestBuffers() {
  }

  static ByteBuf heap(byte[] data) {
    return Unpooled.buffer(data.length + LEAD).writerIndex(LEAD).writeBytes(data);
  }

  static ByteBuf direct(byte[] data) {
    return Unpooled.directBuffer(data.length + LEAD).writerIndex(LEAD).writeBytes(data);
  }

  /** Three components: the lead on the heap, the first half direct, the rest on the heap. */
  static ByteBuf composite(byte[] data) {
    CompositeByteBuf composite = Unpooled.compositeBuffer();
    composite.addComponent(true, Unpooled.buffer(LEAD).writeZero(LEAD));
    int half = data.length / 2;
    composite.addComponent(true, Unpooled.directBuffer(half).writeBytes(data, 0, half));
    composite.addComponent(true, Unpooled.buffer(data.length - half).writeBytes(data, half, data.length - half));
    return composite;
  }
}
