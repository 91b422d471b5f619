package dev.axnode.kernel.link;

import dev.axnode.kernel.message.JsonMessageCodec;
import io.vertx.core.json.JsonObject;

/** A receiver's grant: it has processed {@code bytes} more, so the sender may send that much again. */
public record Credit(long bytes) {

  public static final class Codec extends JsonMessageCodec<Credit> {
    public Codec() {
      super("ax.Credit");
    }

    @Override
    protected JsonObject toJson(Credit m) {
      return new JsonObject().put("bytes", m.bytes());
    }

    @Override
    protected Credit fromJson(JsonObject json) {
      return new Credit(json.getLong("bytes"));
    }
  }
}
