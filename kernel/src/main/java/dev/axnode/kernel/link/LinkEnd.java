package dev.axnode.kernel.link;

import dev.axnode.kernel.message.JsonMessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * The last message on a link: the sending side is done. {@code error} is null for a clean
 * end of stream, else why the connection is being torn down (logged once, by the layer
 * that failed).
 */
public record LinkEnd(String error) {

  public boolean clean() {
    return error == null;
  }

  public static final class Codec extends JsonMessageCodec<LinkEnd> {
    public Codec() {
      super("ax.LinkEnd");
    }

    @Override
    protected JsonObject toJson(LinkEnd m) {
      return new JsonObject().put("error", m.error());
    }

    @Override
    protected LinkEnd fromJson(JsonObject json) {
      return new LinkEnd(json.getString("error"));
    }
  }
}
