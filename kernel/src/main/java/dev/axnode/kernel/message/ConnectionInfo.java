package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/** One live connection as the transport's registry lists it. */
public record ConnectionInfo(String connectionId, String peerId, String remoteAddress, String direction,
                             long sinceMillis, long bytesIn, long bytesOut) {

  public JsonObject toJson() {
    return new JsonObject().put("connectionId", connectionId).put("peerId", peerId)
        .put("remoteAddress", remoteAddress).put("direction", direction).put("since", sinceMillis)
        .put("bytesIn", bytesIn).put("bytesOut", bytesOut);
  }

  public static ConnectionInfo fromJson(JsonObject json) {
    return new ConnectionInfo(json.getString("connectionId"), json.getString("peerId"),
        json.getString("remoteAddress"), json.getString("direction"), json.getLong("since"),
        json.getLong("bytesIn"), json.getLong("bytesOut"));
  }

  public static final class Codec extends JsonMessageCodec<ConnectionInfo> {
    public Codec() {
      super("ax.ConnectionInfo");
    }

    @Override
    protected JsonObject toJson(ConnectionInfo m) {
      return m.toJson();
    }

    @Override
    protected ConnectionInfo fromJson(JsonObject json) {
      return ConnectionInfo.fromJson(json);
    }
  }
}
