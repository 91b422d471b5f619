package dev.axnode.psk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.axnode.sodium.Sodium;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The libsodium XSalsa20 against the same NaCl vectors as {@link XSalsa20VectorsTest}, and
 * against the pure-Java one with the stream cut into random pieces over heap, direct and
 * composite buffers (whole blocks go to libsodium, the ragged edges do not).
 */
class SodiumXSalsa20Test {

  private static final HexFormat HEX = HexFormat.of();

  enum Target { HEAP, DIRECT, COMPOSITE }

  @BeforeContainer
  static void needsLibsodium() {
    assumeTrue(Sodium.load(), Sodium.describe());
  }

  @Example
  void stream3First32Bytes() {
    ByteBuf out = Unpooled.buffer(32).writeZero(32);
    new SodiumXSalsa20(XSalsa20VectorsTest.FIRSTKEY, XSalsa20VectorsTest.NONCE).xor(out, 0, 32);
    assertEquals("eea6a7251c1e72916d11c2cb214d3c252539121d8e234e652d651fa4c8cff880", HEX.formatHex(bytes(out)));
  }

  @Example
  void streamFourMebibytesSha256() throws Exception {
    for (ByteBuf out : List.of(Unpooled.buffer(4194304), Unpooled.directBuffer(4194304))) {
      out.writeZero(4194304);
      new SodiumXSalsa20(XSalsa20VectorsTest.FIRSTKEY, XSalsa20VectorsTest.NONCE).xor(out, 0, out.writerIndex());
      assertEquals("662b9d0e3463029156069b12f918691a98f7dfb2ca0393c96bbfc6b1fbd630a2",
          HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(out))));
    }
  }

  @Example
  void rejectsWrongLengths() {
    assertThrows(IllegalArgumentException.class, () -> new SodiumXSalsa20(new byte[31], new byte[24]));
    assertThrows(IllegalArgumentException.class, () -> new SodiumXSalsa20(new byte[32], new byte[8]));
    assertFalse(new SodiumXSalsa20(XSalsa20VectorsTest.FIRSTKEY, XSalsa20VectorsTest.NONCE).toString().contains("1b27"));
  }

  @Property(tries = 200)
  void matchesPureJava(@ForAll @Size(32) byte[] key, @ForAll @Size(24) byte[] nonce,
      @ForAll @IntRange(min = 0, max = 300_000) int length, @ForAll("pieces") List<Integer> pieces,
      @ForAll Target target, @ForAll long seed) {
    byte[] plain = new byte[length];
    new Random(seed).nextBytes(plain);
    byte[] expected = plain.clone();
    new XSalsa20(key, nonce).xor(expected, 0, expected, 0, length);

    ByteBuf buf = buffer(target, plain);
    SodiumXSalsa20 cipher = new SodiumXSalsa20(key, nonce);
    int off = 0;
    for (int i = 0; off < length; i++) {
      int len = Math.min(pieces.get(i % pieces.size()), length - off);
      cipher.xor(buf, TestBuffers.LEAD + off, len);
      off += len;
    }
    byte[] actual = new byte[length];
    buf.getBytes(TestBuffers.LEAD, actual);
    buf.release();
    assertArrayEquals(expected, actual);
  }

  /** Piece sizes, used in turn until the stream ends: odd edges and more than the 64 KiB scratch block. */
  @Provide
  Arbitrary<List<Integer>> pieces() {
    return TestBuffers.pieces(70, 5_000, 70_000, 200_000);
  }

  private static ByteBuf buffer(Target target, byte[] plain) {
    return switch (target) {
      case HEAP -> TestBuffers.heap(plain);
      case DIRECT -> TestBuffers.direct(plain);
      case COMPOSITE -> TestBuffers.composite(plain);
    };
  }

  private static byte[] bytes(ByteBuf buf) {
    byte[] out = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), out);
    return out;
  }
}
