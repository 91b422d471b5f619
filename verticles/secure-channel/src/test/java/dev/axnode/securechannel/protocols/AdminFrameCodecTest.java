package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** u32 big-endian length ‖ UTF-8 JSON object, at most 1 MiB: byte-exact, in any split, at the bounds. */
class AdminFrameCodecTest {

  private static final HexFormat HEX = HexFormat.of();
  /** {"a":1}, then {}, then {"b":[2,3]}: frames end after bytes 11, 17 and 32. */
  private static final String THREE_FRAMES = "00000007" + "7b2261223a317d"
      + "00000002" + "7b7d"
      + "0000000b" + "7b2262223a5b322c335d7d";

  private final AdminFrameCodec decoder = new AdminFrameCodec();
  private final List<JsonObject> messages = new ArrayList<>();

  @Test
  void encodesTheLengthThenTheJson() {
    // {"id":1} is 8 bytes
    assertEquals("00000008" + "7b226964223a317d", encodeToHex(new JsonObject().put("id", 1)));
    JsonObject response = new JsonObject().put("id", 7).put("code", "OK").put("result", "x");
    assertEquals("00000021" + hex("{\"id\":7,\"code\":\"OK\",\"result\":\"x\"}"), encodeToHex(response));
  }

  @Test
  void decodesFramesSplitAtEveryByte() {
    byte[] wire = HEX.parseHex(THREE_FRAMES);
    for (int cut = 0; cut <= wire.length; cut++) {
      AdminFrameCodec fresh = new AdminFrameCodec();
      messages.clear();
      fresh.decode(Unpooled.wrappedBuffer(wire, 0, cut), messages::add);
      boolean atBoundary = cut == 0 || cut == 11 || cut == 17 || cut == wire.length;
      assertEquals(!atBoundary, fresh.inFrame(), "cut " + cut);
      fresh.decode(Unpooled.wrappedBuffer(wire, cut, wire.length - cut), messages::add);
      assertFalse(fresh.inFrame());
      assertEquals(List.of(new JsonObject().put("a", 1), new JsonObject(),
          new JsonObject().put("b", new JsonArray().add(2).add(3))), messages, "cut " + cut);
    }
  }

  @Test
  void decodesByteByByte() {
    byte[] wire = HEX.parseHex("00000008" + "7b226964223a317d");
    for (int i = 0; i < wire.length; i++) {
      assertTrue(messages.isEmpty());
      feed(wire, i, i + 1);
      assertEquals(i < wire.length - 1, decoder.inFrame());
    }
    assertEquals(List.of(new JsonObject().put("id", 1)), messages);
  }

  @Test
  void aStreamMayEndOnlyBetweenFrames() {
    assertDoesNotThrow(decoder::streamEnded);
    feed(HEX.parseHex("000000087b22"), 0, 6);
    AdminFrameException e = assertThrows(AdminFrameException.class, decoder::streamEnded);
    assertEquals("admin frame: the stream ended inside a frame", e.getMessage());

    AdminFrameCodec inLengthPrefix = new AdminFrameCodec();
    inLengthPrefix.decode(Unpooled.wrappedBuffer(new byte[] {0, 0}), messages::add);
    assertThrows(AdminFrameException.class, inLengthPrefix::streamEnded);
  }

  @Test
  void theLargestFrameRoundTripsAndOneByteMoreIsRefused() {
    // {"p":"xxx…"} with exactly MAX_JSON_BYTES bytes
    String padding = "x".repeat(AdminFrameCodec.MAX_JSON_BYTES - "{\"p\":\"\"}".length());
    JsonObject largest = new JsonObject().put("p", padding);
    ByteBuf frame = AdminFrameCodec.encode(largest, UnpooledByteBufAllocator.DEFAULT);
    assertEquals(AdminFrameCodec.LENGTH_BYTES + AdminFrameCodec.MAX_JSON_BYTES, frame.readableBytes());
    decoder.decode(frame, messages::add);
    frame.release();
    assertEquals(List.of(largest), messages);

    AdminFrameException e = assertThrows(AdminFrameException.class,
        () -> AdminFrameCodec.encode(new JsonObject().put("p", padding + "x"), UnpooledByteBufAllocator.DEFAULT));
    assertEquals("admin frame: a frame holds at most 1048576 bytes of JSON, this one 1048577", e.getMessage());
  }

  @Test
  void aTooLongLengthIsRefusedAsSoonAsItIsRead() {
    AdminFrameException e = assertThrows(AdminFrameException.class, () -> feed(HEX.parseHex("00100001"), 0, 4));
    assertEquals("admin frame: frame of 1048577 bytes exceeds the limit of 1048576 bytes", e.getMessage());
    AdminFrameCodec huge = new AdminFrameCodec();
    e = assertThrows(AdminFrameException.class,
        () -> huge.decode(Unpooled.wrappedBuffer(HEX.parseHex("ffffffff")), messages::add));
    assertEquals("admin frame: frame of 4294967295 bytes exceeds the limit of 1048576 bytes", e.getMessage());
  }

  @Test
  void aHostileLengthHoldsOnlyWhatArrived() {
    // Warm up first, so that class loading does not count as the decoder's allocation.
    feed(HEX.parseHex("00000002" + "7b7d"), 0, 6);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    feed(HEX.parseHex("00100000" + "7b2261223a31"), 0, 10); // announces 1 MiB, sends {"a":1
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(decoder.inFrame());
    assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for a frame that announced 1 MiB");
  }

  @Test
  void aFrameThatIsNotAJsonObjectIsRefused() {
    for (String json : new String[] {"", "hello", "[1,2]", "\"x\"", "{", "{\"id\":", "42", "null"}) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      ByteBuf frame = Unpooled.buffer().writeInt(body.length).writeBytes(body);
      AdminFrameException e = assertThrows(AdminFrameException.class,
          () -> new AdminFrameCodec().decode(frame, messages::add), json);
      assertEquals("admin frame: the frame is not a JSON object", e.getMessage(), json);
    }
    assertTrue(messages.isEmpty());
  }

  @Test
  void theMessagesBeforeABrokenFrameAreHandedOver() {
    byte[] wire = HEX.parseHex("00000002" + "7b7d" + "00000001" + "5b");
    assertThrows(AdminFrameException.class, () -> feed(wire, 0, wire.length));
    assertEquals(List.of(new JsonObject()), messages);
  }

  @Test
  void leavesTheCallersBufferToTheCaller() {
    ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("00000002" + "7b7d"));
    decoder.decode(in, messages::add);
    assertEquals(1, in.refCnt());
    assertFalse(in.isReadable());
    in.release();
  }

  private void feed(byte[] wire, int from, int to) {
    decoder.decode(Unpooled.wrappedBuffer(wire, from, to - from), messages::add);
  }

  private static String encodeToHex(JsonObject message) {
    ByteBuf frame = AdminFrameCodec.encode(message, UnpooledByteBufAllocator.DEFAULT);
    try {
      return HEX.formatHex(ByteBufUtil.getBytes(frame));
    } finally {
      frame.release();
    }
  }

  private static String hex(String text) {
    return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
  }
}
