package dev.axnode.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * The frames of {@code /ax/admin/1.0.0} (verticles/admin-api/ADMIN-PROTOCOL.md):
 *
 * <pre>
 * +----------------------------+------------------------------+
 * | length: u32, big-endian    | UTF-8 JSON object (length B) |
 * +----------------------------+------------------------------+
 * </pre>
 *
 * At most {@link #MAX_JSON_BYTES} of JSON per frame, in either direction.
 */
final class AdminFrames {

  static final int LENGTH_BYTES = 4;
  static final int MAX_JSON_BYTES = 1024 * 1024;

  private AdminFrames() {
  }

  /** One frame holding {@code message}; throws AdminFrameException if it is too long. */
  static ByteBuf encode(JsonObject message, ByteBufAllocator allocator) {
    byte[] json = message.encode().getBytes(StandardCharsets.UTF_8);
    if (json.length > MAX_JSON_BYTES) {
      throw new AdminFrameException("a frame holds at most " + MAX_JSON_BYTES + " bytes of JSON, this one "
          + json.length);
    }
    ByteBuf frame = allocator.buffer(LENGTH_BYTES + json.length);
    frame.writeInt(json.length);
    frame.writeBytes(json);
    return frame;
  }
}
