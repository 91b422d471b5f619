package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;

/** {@code ax nodes inspect --local NODE}. */
final class NodesInspectCommand extends NodeCommand {

  NodesInspectCommand() {
    super("inspect", "Show a node's ID, name, uptime, addresses, verticles and peers.");
  }

  @Override
  protected JsonObject run() {
    return call(AdminOperation.NODE_INSPECT, null);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    JsonObject node = NodeInfo.object(result);
    out.println("Node ID:       " + text(node.getValue("nodeId")));
    out.println("Display name:  " + text(node.getValue("displayName")));
    out.println("Version:       " + text(node.getValue("version")));
    out.println("Started at:    " + text(node.getValue("startedAt")));
    out.println("Uptime:        " + NodeInfo.uptime(node.getValue("uptimeMillis")));
    out.println("Addresses:");
    Table addresses = new Table("VERTICLE", "PROTOCOL", "ADDRESS");
    for (Object item : arrayOrEmpty(node.getValue("addresses"))) {
      JsonObject address = item instanceof JsonObject o ? o : new JsonObject();
      addresses.row(text(address.getValue("verticle")), text(address.getValue("protocol")),
          NodeInfo.hostPort(address));
    }
    addresses.print(out, "  ");
    out.println("Verticles:");
    NodeInfo.verticles(arrayOrEmpty(node.getValue("verticles"))).print(out, "  ");
    out.println("Peers:");
    Table peers = new Table("PEER ID", "ADDRESS", "DIRECTION", "SINCE", "PING RTT");
    for (Object item : arrayOrEmpty(node.getValue("peers"))) {
      JsonObject peer = item instanceof JsonObject o ? o : new JsonObject();
      Object rtt = peer.getValue("rttMillis");
      peers.row(text(peer.getValue("peerId")), text(peer.getValue("remoteAddress")), text(peer.getValue("direction")),
          text(peer.getValue("since")), rtt == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f ms",
              ((Number) rtt).doubleValue()));
    }
    peers.print(out, "  ");
    if (node.getValue("layers") instanceof JsonObject layers) {
      out.println("Swarm layers (live connections):");
      Table counts = new Table("LAYER", "CONNECTIONS", "PENDING");
      for (String layer : layers.fieldNames()) {
        JsonObject count = layers.getValue(layer) instanceof JsonObject o ? o : new JsonObject();
        counts.row(layer, text(count.getValue("connections")), text(count.getValue("pending")));
      }
      counts.print(out, "  ");
    }
  }

  private static JsonArray arrayOrEmpty(Object value) {
    return value instanceof JsonArray array ? array : new JsonArray();
  }
}
