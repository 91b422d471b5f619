package dev.axnode.cli;

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
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** u32 big-endian length ‖ UTF-8 JSON object, at most 1 MiB: byte-exact and at the bounds. */
class AdminFramesTest {

  private static ByteBuf bytes(String hex) {
    return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
  }

  private static ByteBuf encode(JsonObject message) {
    return AdminFrames.encode(message, UnpooledByteBufAllocator.DEFAULT);
  }

  @Test
  void encodesByteExactly() {
    ByteBuf frame = encode(new JsonObject().put("id", 1));
    // {"id":1} is 8 bytes
    assertArrayEquals(HexFormat.of().parseHex("00000008" + "7b226964223a317d"), ByteBufUtil.getBytes(frame));
  }

  @Test
  void decodesHandBuiltBytesInAnySplit() {
    String hex = "00000008" + "7b226964223a317d" + "00000002" + "7b7d";
    for (int split = 0; split <= hex.length() / 2; split++) {
      AdminFrameReader reader = new AdminFrameReader();
      reader.append(bytes(hex.substring(0, split * 2)));
      JsonObject first = reader.next();
      reader.append(bytes(hex.substring(split * 2)));
      if (first == null) {
        first = reader.next();
      }
      assertEquals(new JsonObject().put("id", 1), first, "split at " + split);
      assertEquals(new JsonObject(), reader.next());
      assertNull(reader.next());
      assertTrue(reader.atFrameBoundary());
    }
  }

  @Test
  void partialFrameIsNotABoundary() {
    AdminFrameReader reader = new AdminFrameReader();
    reader.append(bytes("000000087b22"));
    assertNull(reader.next());
    assertFalse(reader.atFrameBoundary());
  }

  @Test
  void largestFrameRoundTripsAndOneByteMoreIsRefused() {
    // {"p":"xxx…"} with exactly MAX_JSON_BYTES bytes
    String padding = "x".repeat(AdminFrames.MAX_JSON_BYTES - "{\"p\":\"\"}".length());
    JsonObject largest = new JsonObject().put("p", padding);
    ByteBuf frame = encode(largest);
    assertEquals(AdminFrames.LENGTH_BYTES + AdminFrames.MAX_JSON_BYTES, frame.readableBytes());
    AdminFrameReader reader = new AdminFrameReader();
    reader.append(frame);
    assertEquals(largest, reader.next());
    assertThrows(AdminFrameException.class, () -> encode(new JsonObject().put("p", padding + "x")));
  }

  @Test
  void tooLongAnnouncedLengthFailsBeforeBuffering() {
    AdminFrameReader reader = new AdminFrameReader();
    reader.append(bytes("00100001")); // 1 MiB + 1
    AdminFrameException e = assertThrows(AdminFrameException.class, reader::next);
    assertEquals("admin frame: announced length 1048577 exceeds the limit of 1048576 bytes", e.getMessage());
    AdminFrameReader huge = new AdminFrameReader();
    huge.append(bytes("ffffffff"));
    assertThrows(AdminFrameException.class, huge::next);
  }

  @Test
  void notAJsonObjectIsRefused() {
    for (String json : new String[] {"[1,2]", "\"x\"", "{", "42"}) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      ByteBuf frame = Unpooled.buffer().writeInt(body.length).writeBytes(body);
      AdminFrameReader reader = new AdminFrameReader();
      reader.append(frame);
      assertThrows(AdminFrameException.class, reader::next, json);
    }
  }
}
