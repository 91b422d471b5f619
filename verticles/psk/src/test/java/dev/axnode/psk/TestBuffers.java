package dev.axnode.psk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

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

  /**
   * Lists of piece sizes to cut a stream into, used in turn until it ends: tiny up to
   * {@code tiny}, small up to {@code small}, medium up to {@code medium}, sometimes large
   * up to {@code large} (weights 3, 3, 2, 1).
   */
  static Arbitrary<List<Integer>> pieces(int tiny, int small, int medium, int large) {
    Arbitrary<Integer> size = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(1, tiny)),
        Tuple.of(3, Arbitraries.integers().between(tiny + 1, small)),
        Tuple.of(2, Arbitraries.integers().between(small + 1, medium)),
        Tuple.of(1, Arbitraries.integers().between(medium + 1, large)));
    return size.list().ofMinSize(1).ofMaxSize(12);
  }
}
