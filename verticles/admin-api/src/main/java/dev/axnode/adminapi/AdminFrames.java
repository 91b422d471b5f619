package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;

/**
 * The secure API's response frames: a u32 big-endian length, then the UTF-8 JSON object
 * (see {@link FrameDecoder} for the diagram and {@code ADMIN-PROTOCOL.md} for the contract).
 */
final class AdminFrames {

  private AdminFrames() {
  }

  /** {@code {"id": id, "code": "OK", "result": result}}. */
  static JsonObject ok(Object id, Object result) {
    return new JsonObject().put("id", id).put("code", "OK").put("result", result);
  }

  /** {@code {"id": id, "code": "ERR_…", "message": …}}; id null when none could be read. */
  static JsonObject error(Object id, AxException error) {
    return new JsonObject().put("id", id).put("code", error.code().wireName()).put("message", error.getMessage());
  }

  /** One frame holding {@code json}. */
  static ByteBuf encode(ByteBufAllocator allocator, JsonObject json) {
    byte[] body = json.encode().getBytes(StandardCharsets.UTF_8);
    ByteBuf frame = allocator.buffer(FrameDecoder.HEADER + body.length);
    frame.writeInt(body.length);
    frame.writeBytes(body);
    return frame;
  }
}
