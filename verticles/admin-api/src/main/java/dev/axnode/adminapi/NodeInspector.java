package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.NodeStatus;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.message.VerticleList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code node.inspect}: identity, name, uptime, addresses, verticles, peers and the swarm layers' counts in one answer. */
final class NodeInspector {

  private static final String DISPLAY_NAME = "com.actyx.os/general/displayName";
  /** How long a layer may take to report its counts; one that does not answer shows null. */
  static final long LAYER_TIMEOUT_MS = 2_000;
  private static final List<Map.Entry<String, String>> LAYERS = List.of(
      Map.entry("transport", Addresses.TRANSPORT_STATS),
      Map.entry("psk", Addresses.PSK_STATS),
      Map.entry("handshake", Addresses.HANDSHAKE_STATS));

  private final Vertx vertx;

  NodeInspector(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<JsonObject> inspect() {
    Future<NodeIdentity> identity = BusRequests.request(vertx, Addresses.KEYSTORE_IDENTITY, null);
    Future<JsonValue> name = BusRequests.request(vertx, Addresses.SETTINGS_GET, new SettingsGet(DISPLAY_NAME, false));
    Future<NodeStatus> status = BusRequests.request(vertx, Addresses.KERNEL_NODE_STATUS, null);
    Future<VerticleList> verticles = BusRequests.request(vertx, Addresses.KERNEL_VERTICLES_LIST, null);
    Future<JsonValue> peers = BusRequests.<JsonValue>request(vertx, Addresses.SWARM_PEERS, null)
        .otherwise(new JsonValue(new JsonArray()));
    Future<JsonObject> layers = layers();
    return Future.all(identity, name, status, verticles, peers, layers)
        .map(all -> describe(identity.result(), name.result(), status.result(), verticles.result())
            .put("peers", peers.result().value())
            .put("layers", layers.result()));
  }

  /** Each swarm layer's live connection counts ({@code {"connections": n, …}}), null for a layer that did not answer. */
  private Future<JsonObject> layers() {
    JsonObject layers = new JsonObject();
    List<Future<?>> asked = new ArrayList<>();
    for (Map.Entry<String, String> layer : LAYERS) {
      layers.putNull(layer.getKey());
      asked.add(BusRequests.<JsonValue>request(vertx, layer.getValue(), null, LAYER_TIMEOUT_MS)
          .onSuccess(counts -> layers.put(layer.getKey(), counts.value()))
          .otherwiseEmpty());
    }
    return Future.all(asked).map(all -> layers);
  }

  private static JsonObject describe(NodeIdentity identity, JsonValue name, NodeStatus status, VerticleList verticles) {
    JsonArray addresses = new JsonArray();
    for (BoundAddress address : status.addresses()) {
      addresses.add(address.toJson());
    }
    long now = System.currentTimeMillis();
    return new JsonObject()
        .put("nodeId", identity.nodeId().toString())
        .put("displayName", name.value())
        .put("version", status.version())
        .put("startedAt", Instant.ofEpochMilli(status.startedAtMillis()).toString())
        .put("uptimeMillis", now - status.startedAtMillis())
        .put("addresses", addresses)
        .put("verticles", verticles.toJson());
  }
}
