package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * A socket a verticle listens on, e.g. {@code ("admin-api", "http", "127.0.0.1", 4457)}.
 * The kernel lists them in the node status and logs them when the node is ready.
 */
public record BoundAddress(String verticle, String protocol, String host, int port) {

  public JsonObject toJson() {
    return new JsonObject().put("verticle", verticle).put("protocol", protocol).put("host", host).put("port", port);
  }

  public static BoundAddress fromJson(JsonObject json) {
    return new BoundAddress(json.getString("verticle"), json.getString("protocol"),
        json.getString("host"), json.getInteger("port"));
  }

  public static final class Codec extends JsonMessageCodec<BoundAddress> {
    public Codec() {
      super("ax.BoundAddress");
    }

    @Override
    protected JsonObject toJson(BoundAddress m) {
      return m.toJson();
    }

    @Override
    protected BoundAddress fromJson(JsonObject json) {
      return BoundAddress.fromJson(json);
    }
  }
}
