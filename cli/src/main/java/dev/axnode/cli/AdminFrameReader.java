package dev.axnode.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Reassembles {@link AdminFrames} from the pieces a stream delivers, checking the length
 * before buffering the body so a peer cannot make us hold more than one maximal frame.
 */
final class AdminFrameReader {

  private final ByteBuf pending = Unpooled.buffer();

  /** Copies {@code bytes} in; the caller keeps ownership of them. */
  void append(ByteBuf bytes) {
    pending.writeBytes(bytes);
  }

  /** The next complete message, or null until more bytes come. Throws AdminFrameException. */
  JsonObject next() {
    if (pending.readableBytes() < AdminFrames.LENGTH_BYTES) {
      return null;
    }
    long length = pending.getUnsignedInt(pending.readerIndex());
    if (length > AdminFrames.MAX_JSON_BYTES) {
      throw new AdminFrameException("announced length " + length + " exceeds the limit of "
          + AdminFrames.MAX_JSON_BYTES + " bytes");
    }
    if (pending.readableBytes() < AdminFrames.LENGTH_BYTES + length) {
      return null;
    }
    pending.skipBytes(AdminFrames.LENGTH_BYTES);
    String json = pending.readCharSequence((int) length, StandardCharsets.UTF_8).toString();
    pending.discardReadBytes();
    try {
      return new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new AdminFrameException("not a JSON object");
    }
  }

  /** Whether the stream may end here: no partial frame is waiting. */
  boolean atFrameBoundary() {
    return !pending.isReadable();
  }

  void release() {
    pending.release();
  }
}
