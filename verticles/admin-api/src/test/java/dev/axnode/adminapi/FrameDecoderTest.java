package dev.axnode.adminapi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secure API's frames, byte for byte: u32 big-endian length, then the JSON body. */
class FrameDecoderTest {

  private final FrameDecoder decoder = new FrameDecoder();
  private final List<byte[]> frames = new ArrayList<>();

  @Test
  void encodesLengthThenBody() {
    ByteBuf frame = AdminFrames.encode(Unpooled.buffer().alloc(), AdminFrames.ok(7, "x"));
    byte[] body = "{\"id\":7,\"code\":\"OK\",\"result\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    byte[] expected = new byte[4 + body.length];
    expected[3] = (byte) body.length;
    System.arraycopy(body, 0, expected, 4, body.length);
    byte[] actual = new byte[frame.readableBytes()];
    frame.readBytes(actual);
    frame.release();
    assertArrayEquals(expected, actual);
  }

  @Test
  void decodesFramesSplitAtEveryByte() throws Exception {
    byte[] wire = concat(TestStream.frame(bytes("{\"a\":1}")), TestStream.frame(new byte[0]),
        TestStream.frame(bytes("{\"b\":[2,3]}")));
    for (int cut = 0; cut <= wire.length; cut++) {
      frames.clear();
      feed(wire, 0, cut);
      boolean atBoundary = cut == 0 || cut == 11 || cut == 15 || cut == wire.length;
      assertEquals(!atBoundary, decoder.inFrame(), "cut " + cut);
      feed(wire, cut, wire.length);
      assertFalse(decoder.inFrame());
      assertEquals(3, frames.size(), "cut " + cut);
      assertEquals(new JsonObject().put("a", 1), new JsonObject(new String(frames.get(0), StandardCharsets.UTF_8)));
      assertEquals(0, frames.get(1).length);
      assertEquals("{\"b\":[2,3]}", new String(frames.get(2), StandardCharsets.UTF_8));
    }
  }

  @Test
  void decodesByteByByte() throws Exception {
    byte[] wire = TestStream.frame(bytes("{\"id\":1}"));
    for (int i = 0; i < wire.length; i++) {
      assertTrue(frames.isEmpty());
      feed(wire, i, i + 1);
      assertEquals(i < wire.length - 1, decoder.inFrame());
    }
    assertEquals(1, frames.size());
  }

  @Test
  void acceptsExactlyTheLimitAndRefusesOneMore() throws Exception {
    byte[] max = new byte[FrameDecoder.MAX_FRAME];
    feed(TestStream.frame(max), 0, FrameDecoder.MAX_FRAME + 4);
    assertEquals(FrameDecoder.MAX_FRAME, frames.get(0).length);
    FrameDecoder.FrameException e = assertThrows(FrameDecoder.FrameException.class,
        () -> feed(new byte[] {0x00, 0x10, 0x00, 0x01}, 0, 4));
    assertEquals("admin frame: frame of 1048577 bytes exceeds the limit of 1048576 bytes", e.getMessage());
    assertThrows(FrameDecoder.FrameException.class,
        () -> new FrameDecoder().decode(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}),
            frames::add));
  }

  @Test
  void leavesTheRestOfTheCallersBufferAlone() throws Exception {
    ByteBuf in = Unpooled.wrappedBuffer(TestStream.frame(bytes("{}")));
    decoder.decode(in, frames::add);
    assertEquals(1, in.refCnt());
    assertFalse(in.isReadable());
    in.release();
  }

  private void feed(byte[] wire, int from, int to) throws FrameDecoder.FrameException {
    decoder.decode(Unpooled.wrappedBuffer(wire, from, to - from), frames::add);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] part : parts) {
      n += part.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
