package dev.axnode.securechannel.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The frames of the admin API ({@code /ax/admin/1.0.0}), shared by the node and the CLI.
 *
 * <pre>
 * +----------------------------+------------------------------+
 * | length: u32, big-endian    | UTF-8 JSON object (length B) |
 * +----------------------------+------------------------------+
 *   length &lt;= 1 MiB, in either direction
 * </pre>
 *
 * <p>Spec: verticles/admin-api/ADMIN-PROTOCOL.md, "Frames".
 *
 * <p>An instance decodes one stream's incoming bytes. A declared length above {@link
 * #MAX_JSON_BYTES} fails as soon as the prefix is read, before any body is buffered, and a
 * body's buffer grows only with the bytes that actually arrived: a peer that announces 1 MiB
 * and sends ten bytes makes us hold a few KiB, not 1 MiB. After an {@link AdminFrameException}
 * the instance is spent and the stream must be reset. Not thread-safe.
 */
public final class AdminFrameCodec {

  public static final int LENGTH_BYTES = 4;
  /** The largest JSON body of one frame: 1 MiB. */
  public static final int MAX_JSON_BYTES = 1024 * 1024;
  /** A typical request fits here; larger bodies grow their buffer as their bytes come in. */
  private static final int FIRST_BODY_CHUNK = 4096;

  private final byte[] lengthPrefix = new byte[LENGTH_BYTES];
  private int lengthPrefixFill;
  /** The current body's declared length, or -1 while its length prefix is incomplete. */
  private int bodyLength = -1;
  private byte[] body;
  private int bodyFill;

  /**
   * {@code u32(length) ‖ UTF-8 JSON} in a new buffer the caller owns.
   *
   * @throws AdminFrameException if the JSON is longer than {@link #MAX_JSON_BYTES}, as the peer
   *     would refuse it
   */
  public static ByteBuf encode(JsonObject message, ByteBufAllocator allocator) {
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

  /**
   * Reads all of {@code in} (the caller keeps ownership) and hands each complete message to
   * {@code messages}, in order.
   *
   * @throws AdminFrameException if a frame declares more than {@link #MAX_JSON_BYTES} or its body
   *     is not a JSON object; the messages before it have been handed over
   */
  public void decode(ByteBuf in, Consumer<JsonObject> messages) {
    while (in.isReadable()) {
      if (bodyLength < 0 && !readLengthPrefix(in)) {
        return;
      }
      int n = Math.min(bodyLength - bodyFill, in.readableBytes());
      if (bodyFill + n > body.length) {
        body = Arrays.copyOf(body, Math.min(bodyLength, Math.max(body.length * 2, bodyFill + n)));
      }
      in.readBytes(body, bodyFill, n);
      bodyFill += n;
      if (bodyFill == bodyLength) {
        byte[] complete = body;
        body = null;
        bodyLength = -1;
        lengthPrefixFill = 0;
        messages.accept(jsonObject(complete));
      }
    }
  }

  /** Whether part of a frame was read: the stream must not end here. */
  public boolean inFrame() {
    return lengthPrefixFill > 0;
  }

  /**
   * Call when the stream ends.
   *
   * @throws AdminFrameException if it ended inside a frame
   */
  public void streamEnded() {
    if (inFrame()) {
      throw new AdminFrameException("the stream ended inside a frame");
    }
  }

  /** Whether the length prefix is complete; if so, checks it and readies the body's buffer. */
  private boolean readLengthPrefix(ByteBuf in) {
    int n = Math.min(LENGTH_BYTES - lengthPrefixFill, in.readableBytes());
    in.readBytes(lengthPrefix, lengthPrefixFill, n);
    lengthPrefixFill += n;
    if (lengthPrefixFill < LENGTH_BYTES) {
      return false;
    }
    long declared = ((lengthPrefix[0] & 0xFFL) << 24) | ((lengthPrefix[1] & 0xFF) << 16)
        | ((lengthPrefix[2] & 0xFF) << 8) | (lengthPrefix[3] & 0xFF);
    if (declared > MAX_JSON_BYTES) {
      throw new AdminFrameException("frame of " + declared + " bytes exceeds the limit of " + MAX_JSON_BYTES
          + " bytes");
    }
    bodyLength = (int) declared;
    body = new byte[Math.min(bodyLength, FIRST_BODY_CHUNK)];
    bodyFill = 0;
    return true;
  }

  private static JsonObject jsonObject(byte[] json) {
    Object parsed;
    try {
      parsed = Json.decodeValue(Buffer.buffer(json));
    } catch (DecodeException e) {
      parsed = null;
    }
    if (!(parsed instanceof JsonObject message)) {
      throw new AdminFrameException("the frame is not a JSON object");
    }
    return message;
  }
}
