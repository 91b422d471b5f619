package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

class FrameCodecTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final FrameCodec.DataLimit ANY = h -> Long.MAX_VALUE;

  private static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", ""));
  }

  private static byte[] encode(FrameHeader h, byte[] payload) {
    ByteBuf buf = FrameCodec.encode(UnpooledByteBufAllocator.DEFAULT, h, Unpooled.wrappedBuffer(payload));
    byte[] out = ByteBufUtil.getBytes(buf);
    buf.release();
    return out;
  }

  @Test
  void encodesEachTypeByteExact() {
    assertArrayEquals(hex("00 00 0001 00000001 00000003 616263"),
        encode(FrameHeader.data(1, Flags.SYN, 3), "abc".getBytes()));
    assertArrayEquals(hex("00 01 0002 00000002 00000000"),
        encode(FrameHeader.windowUpdate(2, Flags.ACK, 0), new byte[0]));
    assertArrayEquals(hex("00 01 0004 ffffffff 00040000"),
        encode(FrameHeader.windowUpdate(0xFFFF_FFFFL, Flags.FIN, 256 * 1024), new byte[0]));
    assertArrayEquals(hex("00 01 0008 00000007 ffffffff"),
        encode(FrameHeader.windowUpdate(7, Flags.RST, 0xFFFF_FFFFL), new byte[0]));
    assertArrayEquals(hex("00 02 0001 00000000 12345678"),
        encode(FrameHeader.ping(Flags.SYN, 0x12345678L), new byte[0]));
    assertArrayEquals(hex("00 02 0002 00000000 00000000"),
        encode(FrameHeader.ping(Flags.ACK, 0), new byte[0]));
    assertArrayEquals(hex("00 03 0000 00000000 00000001"),
        encode(FrameHeader.goAway(GoAwayCode.PROTOCOL_ERROR), new byte[0]));
    assertArrayEquals(hex("00 03 0000 00000000 00000002"),
        encode(FrameHeader.goAway(GoAwayCode.INTERNAL_ERROR), new byte[0]));
    assertArrayEquals(hex("00 00 000f 00000003 00000000"),
        encode(FrameHeader.data(3, Flags.SYN | Flags.ACK | Flags.FIN | Flags.RST, 0), new byte[0]));
  }

  @Test
  void decodesEachTypeFromHandBuiltBytes() {
    List<Frame> frames = decodeAll(hex(
        "00 00 0002 00000003 00000002 6869"
            + "00 01 0005 00000004 00010000"
            + "00 02 0001 00000000 deadbeef"
            + "00 03 0000 00000000 00000000"), ANY);
    assertEquals(4, frames.size());
    assertEquals(new FrameHeader(FrameType.DATA, Flags.ACK, 3, 2), frames.get(0).header());
    assertEquals("hi", frames.get(0).payload().toString(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(new FrameHeader(FrameType.WINDOW_UPDATE, Flags.SYN | Flags.FIN, 4, 65536),
        frames.get(1).header());
    assertEquals(FrameHeader.ping(Flags.SYN, 0xDEADBEEFL), frames.get(2).header());
    assertEquals(FrameHeader.goAway(GoAwayCode.NORMAL), frames.get(3).header());
    frames.forEach(f -> f.payload().release());
  }

  @Test
  void decodesUnsignedMaxima() {
    Frame f = decodeAll(hex("00 01 ffff ffffffff ffffffff"), ANY).get(0);
    assertEquals(0xFFFF, f.header().flags());
    assertEquals(0xFFFF_FFFFL, f.header().streamId());
    assertEquals(0xFFFF_FFFFL, f.header().length());
  }

  @Test
  void decodesFramesSplitAtEveryByte() {
    byte[] wire = concat(encode(FrameHeader.data(5, 0, 4), "abcd".getBytes()),
        encode(FrameHeader.windowUpdate(5, Flags.FIN, 9), new byte[0]),
        encode(FrameHeader.data(5, 0, 0), new byte[0]));
    FrameCodec codec = new FrameCodec();
    ByteBuf acc = Unpooled.buffer();
    List<Frame> out = new ArrayList<>();
    for (byte b : wire) {
      acc.writeByte(b);
      for (Frame f; (f = codec.decode(acc, ANY)) != null; ) {
        out.add(f);
      }
    }
    assertEquals(3, out.size());
    assertEquals("abcd", out.get(0).payload().toString(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(FrameHeader.windowUpdate(5, Flags.FIN, 9), out.get(1).header());
    assertEquals(0, out.get(2).payload().readableBytes());
    assertFalse(codec.hasPartialFrame());
    out.forEach(f -> f.payload().release());
    acc.release();
  }

  @Test
  void waitsForPayloadAfterHeader() {
    FrameCodec codec = new FrameCodec();
    ByteBuf acc = Unpooled.wrappedBuffer(hex("00 00 0000 00000001 00000003 6162"));
    assertNull(codec.decode(acc, ANY));
    assertTrue(codec.hasPartialFrame());
    assertEquals(2, acc.readableBytes(), "header consumed, partial payload kept");
    acc.release();
  }

  @Test
  void dataAtTheLimitIsAcceptedOneMoreIsRejectedBeforeThePayload() {
    FrameCodec.DataLimit limit = h -> 3;
    Frame ok = decodeAll(hex("00 00 0000 00000001 00000003 616263"), limit).get(0);
    assertEquals(3, ok.payload().readableBytes());
    ok.payload().release();
    ByteBuf headerOnly = Unpooled.wrappedBuffer(hex("00 00 0000 00000001 00000004"));
    YamuxProtocolException e = assertThrows(YamuxProtocolException.class,
        () -> new FrameCodec().decode(headerOnly, limit));
    assertTrue(e.getMessage().startsWith("yamux: "));
    assertEquals(GoAwayCode.PROTOCOL_ERROR, e.code());
  }

  @Test
  void windowUpdateLengthIsNotAPayload() {
    FrameCodec.DataLimit none = h -> 0;
    Frame f = decodeAll(hex("00 01 0000 00000001 ffffffff"), none).get(0);
    assertEquals(0xFFFF_FFFFL, f.header().length());
    assertEquals(0, f.payload().readableBytes());
  }

  @Test
  void rejectsUnknownVersionAndType() {
    assertThrows(YamuxProtocolException.class,
        () -> decodeAll(hex("01 00 0000 00000001 00000000"), ANY));
    assertThrows(YamuxProtocolException.class,
        () -> decodeAll(hex("00 04 0000 00000001 00000000"), ANY));
    assertThrows(YamuxProtocolException.class,
        () -> decodeAll(hex("00 ff 0000 00000001 00000000"), ANY));
  }

  @Test
  void headerValuesAreRangeChecked() {
    assertThrows(IllegalArgumentException.class, () -> FrameHeader.windowUpdate(1L << 32, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> FrameHeader.windowUpdate(1, 0, -1));
    assertThrows(IllegalArgumentException.class, () -> new FrameHeader(FrameType.PING, 0x10000, 0, 0));
    assertEquals("DATA[SYN|FIN stream=1 len=0]", FrameHeader.data(1, Flags.SYN | Flags.FIN, 0).toString());
  }

  @Test
  void wireCodesRoundTrip() {
    for (FrameType t : FrameType.values()) {
      assertEquals(t, FrameType.fromCode(t.code()));
    }
    assertNull(FrameType.fromCode(4));
    assertEquals(GoAwayCode.NORMAL, GoAwayCode.fromWire(0));
    assertEquals(GoAwayCode.PROTOCOL_ERROR, GoAwayCode.fromWire(1));
    assertEquals(GoAwayCode.INTERNAL_ERROR, GoAwayCode.fromWire(2));
    assertEquals(GoAwayCode.INTERNAL_ERROR, GoAwayCode.fromWire(77));
  }

  private static List<Frame> decodeAll(byte[] wire, FrameCodec.DataLimit limit) {
    FrameCodec codec = new FrameCodec();
    ByteBuf in = Unpooled.wrappedBuffer(wire);
    List<Frame> out = new ArrayList<>();
    for (Frame f; (f = codec.decode(in, limit)) != null; ) {
      out.add(f);
    }
    assertEquals(0, in.readableBytes());
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuf all = Unpooled.wrappedBuffer(parts);
    byte[] out = ByteBufUtil.getBytes(all);
    all.release();
    return out;
  }
}
