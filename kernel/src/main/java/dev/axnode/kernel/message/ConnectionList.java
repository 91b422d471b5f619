package dev.axnode.kernel.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Every live connection of the transport. */
public record ConnectionList(List<ConnectionInfo> connections) {

  public ConnectionList {
    connections = List.copyOf(connections);
  }

  public JsonArray toJson() {
    JsonArray array = new JsonArray();
    connections.forEach(c -> array.add(c.toJson()));
    return array;
  }

  public static final class Codec extends JsonMessageCodec<ConnectionList> {
    public Codec() {
      super("ax.ConnectionList");
    }

    @Override
    protected JsonObject toJson(ConnectionList m) {
      return new JsonObject().put("connections", m.toJson());
    }

    @Override
    protected ConnectionList fromJson(JsonObject json) {
      return new ConnectionList(json.getJsonArray("connections").stream()
          .map(o -> ConnectionInfo.fromJson((JsonObject) o)).toList());
    }
  }
}
