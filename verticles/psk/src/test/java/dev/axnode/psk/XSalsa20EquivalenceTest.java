package dev.axnode.psk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Our XSalsa20 against BouncyCastle's XSalsa20Engine: random keys, nonces and lengths, the
 * stream cut into random pieces (single bytes, odd sizes, more than a block), through
 * every entry point. The output must not depend on how the stream is cut.
 */
class XSalsa20EquivalenceTest {

  enum Target { ARRAY_IN_PLACE, ARRAY_OUT_OF_PLACE, HEAP_BUF, DIRECT_BUF, COMPOSITE_BUF }

  @Property(tries = 300)
  void matchesBouncyCastle(@ForAll @Size(32) byte[] key, @ForAll @Size(24) byte[] nonce,
      @ForAll @IntRange(min = 0, max = 200_000) int length, @ForAll("pieces") List<Integer> pieces,
      @ForAll Target target, @ForAll long seed) {
    byte[] plain = new byte[length];
    new Random(seed).nextBytes(plain);
    byte[] expected = new byte[length];
    XSalsa20Engine reference = new XSalsa20Engine();
    reference.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    reference.processBytes(plain, 0, length, expected, 0);

    assertArrayEquals(expected, encrypt(new XSalsa20(key, nonce), plain, pieces, target));
  }

  /** One byte per call, through every entry point. */
  @Example
  void singleBytePieces() {
    byte[] key = new byte[32];
    byte[] nonce = new byte[24];
    new Random(7).nextBytes(key);
    new Random(8).nextBytes(nonce);
    for (Target target : Target.values()) {
      matchesBouncyCastle(key, nonce, 1000, List.of(1), target, 9);
    }
  }

  /** Piece sizes, used in turn until the stream ends; often tiny, sometimes huge. */
  @Provide
  Arbitrary<List<Integer>> pieces() {
    return TestBuffers.pieces(9, 200, 20_000, 70_000);
  }

  private static byte[] encrypt(XSalsa20 cipher, byte[] plain, List<Integer> pieces, Target target) {
    int length = plain.length;
    return switch (target) {
      case ARRAY_IN_PLACE -> {
        byte[] data = plain.clone();
        forEachPiece(length, pieces, (off, len) -> cipher.xor(data, off, data, off, len));
        yield data;
      }
      case ARRAY_OUT_OF_PLACE -> {
        byte[] in = new byte[length + 3];
        System.arraycopy(plain, 0, in, 3, length);
        byte[] out = new byte[length + 5];
        forEachPiece(length, pieces, (off, len) -> cipher.xor(in, off + 3, out, off + 5, len));
        yield java.util.Arrays.copyOfRange(out, 5, length + 5);
      }
      case HEAP_BUF -> viaBuffer(cipher, TestBuffers.heap(plain), pieces);
      case DIRECT_BUF -> viaBuffer(cipher, TestBuffers.direct(plain), pieces);
      case COMPOSITE_BUF -> viaBuffer(cipher, TestBuffers.composite(plain), pieces);
    };
  }

  private static byte[] viaBuffer(XSalsa20 cipher, ByteBuf buf, List<Integer> pieces) {
    try {
      int base = TestBuffers.LEAD;
      forEachPiece(buf.writerIndex() - base, pieces, (off, len) -> cipher.xor(buf, base + off, len));
      byte[] out = new byte[buf.writerIndex() - base];
      buf.getBytes(base, out);
      return out;
    } finally {
      buf.release();
    }
  }

  interface Piece {
    void apply(int offset, int length);
  }

  private static void forEachPiece(int total, List<Integer> pieces, Piece piece) {
    int off = 0;
    for (int i = 0; off < total; i++) {
      int len = Math.min(pieces.get(i % pieces.size()), total - off);
      piece.apply(off, len);
      off += len;
    }
  }
}
