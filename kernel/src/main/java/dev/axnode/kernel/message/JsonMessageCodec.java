package dev.axnode.kernel.message;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Base of the codecs of the node's control-plane messages.
 *
 * <p>Locally a message is handed over as it is (every message type is an immutable record,
 * so sharing it is safe); across JVMs, when the kernel runs clustered, it travels as JSON.
 * Each message type has exactly one subclass with a fixed {@link #name()}; the kernel
 * registers them all in {@link MessageCodecs} before any verticle starts.
 */
public abstract class JsonMessageCodec<T> implements MessageCodec<T, T> {

  private final String name;

  protected JsonMessageCodec(String name) {
    this.name = name;
  }

  /** The JSON form of a message, for the wire. */
  protected abstract JsonObject toJson(T message);

  /** The message of a JSON form read from the wire. */
  protected abstract T fromJson(JsonObject json);

  @Override
  public final void encodeToWire(Buffer buffer, T message) {
    Buffer json = toJson(message).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public final T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return fromJson(new JsonObject(buffer.slice(pos + 4, pos + 4 + length)));
  }

  /**
   * The message a local consumer receives: the same instance, as every message type is an
   * immutable record. A type that carries a mutable {@code JsonObject} or {@code JsonArray}
   * overrides this to hand over a copy, as Vert.x's own JSON codecs do, so no receiver can
   * change what the sender (or another receiver of a publish) still holds.
   */
  @Override
  public T transform(T message) {
    return message;
  }

  /** A deep copy of a JSON value: objects and arrays copied, everything else (immutable) as is. */
  protected static Object copyJson(Object value) {
    if (value instanceof JsonObject object) {
      return object.copy();
    }
    if (value instanceof JsonArray array) {
      return array.copy();
    }
    return value;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final byte systemCodecID() {
    return -1;
  }
}
