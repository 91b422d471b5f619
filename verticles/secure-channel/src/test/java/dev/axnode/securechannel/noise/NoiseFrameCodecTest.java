package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NoiseFrameCodecTest {

  @Test
  void framesWithABigEndianLength() {
    ByteBuf frame = NoiseFrameCodec.frame(new byte[] {1, 2, 3});
    assertEquals("0003010203", Hex.of(frame));
    assertEquals("ffff", Hex.of(NoiseFrameCodec.frame(new byte[65535])).substring(0, 4));
    assertThrows(IllegalArgumentException.class, () -> NoiseFrameCodec.frame(new byte[65536]));
  }

  @Test
  void cutsFramesAcrossReads() {
    NoiseFrameCodec codec = new NoiseFrameCodec();
    byte[] wire = HexFormat.of().parseHex("0002aabb0000000103");
    codec.append(Unpooled.wrappedBuffer(wire, 0, 1));
    assertNull(codec.nextMessage());
    codec.append(Unpooled.wrappedBuffer(wire, 1, 2));
    assertNull(codec.nextMessage());
    codec.append(Unpooled.wrappedBuffer(wire, 3, 6));
    assertArrayEquals(new byte[] {(byte) 0xaa, (byte) 0xbb}, codec.nextMessage());
    assertArrayEquals(new byte[0], codec.nextMessage());
    assertArrayEquals(new byte[] {3}, codec.nextMessage());
    assertNull(codec.nextMessage());
    assertEquals(0, codec.buffered());
  }

  @Test
  void keepsLeftoverBytes() {
    NoiseFrameCodec codec = new NoiseFrameCodec();
    codec.append(Unpooled.wrappedBuffer(HexFormat.of().parseHex("0001aa00ffee")));
    assertArrayEquals(new byte[] {(byte) 0xaa}, codec.nextMessage());
    assertNull(codec.nextMessage());
    assertEquals("00ffee", Hex.of(codec.takeLeftover()));
    assertEquals(0, codec.buffered());
  }

  /** Tiny hex helper for buffers. */
  static final class Hex {
    static String of(ByteBuf buf) {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.getBytes(buf.readerIndex(), bytes);
      return HexFormat.of().formatHex(bytes);
    }
  }
}
