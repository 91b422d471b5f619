package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Published when a connection is secured ({@code peerId} known, {@code error} null) or
 * closed ({@code closed} true, {@code error} saying why when it was not a clean close).
 */
public record ConnectionEvent(String connectionId, boolean closed, String peerId, String error) {

  public static ConnectionEvent secured(String connectionId, String peerId) {
    return new ConnectionEvent(connectionId, false, peerId, null);
  }

  public static ConnectionEvent closed(String connectionId, String error) {
    return new ConnectionEvent(connectionId, true, null, error);
  }

  public static final class Codec extends JsonMessageCodec<ConnectionEvent> {
    public Codec() {
      super("ax.ConnectionEvent");
    }

    @Override
    protected JsonObject toJson(ConnectionEvent m) {
      return new JsonObject().put("connectionId", m.connectionId()).put("closed", m.closed())
          .put("peerId", m.peerId()).put("error", m.error());
    }

    @Override
    protected ConnectionEvent fromJson(JsonObject json) {
      return new ConnectionEvent(json.getString("connectionId"), json.getBoolean("closed"),
          json.getString("peerId"), json.getString("error"));
    }
  }
}
