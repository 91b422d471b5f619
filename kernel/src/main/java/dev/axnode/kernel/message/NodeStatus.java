package dev.axnode.kernel.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** What the kernel knows of the running node: when it started, its version, and its bound sockets. */
public record NodeStatus(long startedAtMillis, String version, List<BoundAddress> addresses) {

  public NodeStatus {
    addresses = List.copyOf(addresses);
  }

  public static final class Codec extends JsonMessageCodec<NodeStatus> {
    public Codec() {
      super("ax.NodeStatus");
    }

    @Override
    protected JsonObject toJson(NodeStatus m) {
      JsonArray addresses = new JsonArray();
      m.addresses().forEach(a -> addresses.add(a.toJson()));
      return new JsonObject().put("startedAt", m.startedAtMillis()).put("version", m.version())
          .put("addresses", addresses);
    }

    @Override
    protected NodeStatus fromJson(JsonObject json) {
      return new NodeStatus(json.getLong("startedAt"), json.getString("version"),
          json.getJsonArray("addresses").stream().map(o -> BoundAddress.fromJson((JsonObject) o)).toList());
    }
  }
}
