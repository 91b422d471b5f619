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

/** {@code node.inspect}: identity, name, uptime, addresses, verticles and peers in one answer. */
final class NodeInspector {

  private static final String DISPLAY_NAME = "com.actyx.os/general/displayName";

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
    return Future.all(identity, name, status, verticles, peers)
        .map(all -> describe(identity.result(), name.result(), status.result(), verticles.result())
            .put("peers", peers.result().value()));
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
