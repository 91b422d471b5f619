package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ax nodes ls --local A --local B …}: asks every node at once and prints one row per
 * node. A node that cannot be reached still gets its row; that is not an error.
 */
@Command(name = "ls",
    mixinStandardHelpOptions = true,
    description = "List nodes: reachable or not, node ID, display name and uptime.")
final class NodesLsCommand extends AxCommand {

  @Option(names = "--local", required = true, paramLabel = "NODE",
      description = "A node to ask: HOST[:PORT] of its HTTP admin API or a multiaddr of its secure admin API;"
          + " repeat for more nodes.")
  List<String> locals;

  @Option(names = "--accept-new-host", description = NodeCommand.ACCEPT_NEW_HOST_DESCRIPTION)
  boolean acceptNewHost;

  @Override
  protected JsonObject run() {
    List<NodeAddress> nodes = new ArrayList<>();
    locals.forEach(local -> nodes.add(NodeAddress.parse(local)));
    NodeClients clients = ax().clients();
    // Every secure client starts connecting when made: make them all before waiting on any.
    List<NodeClient> perNode = new ArrayList<>();
    nodes.forEach(node -> perNode.add(clients.forNode(node, acceptNewHost, spec.commandLine().getErr())));
    NodeRequest request = NodeRequest.get("/node");
    List<Future<JsonObject>> answers = new ArrayList<>();
    perNode.forEach(client -> answers.add(openAndSend(client, request)));
    JsonArray rows = new JsonArray();
    for (int i = 0; i < nodes.size(); i++) {
      rows.add(row(nodes.get(i), answers.get(i), request.timeoutMillis() * 2));
    }
    return ok(rows);
  }

  /** One node's answer; failing to open (unreachable, unknown host refused) is that node's row only. */
  private static Future<JsonObject> openAndSend(NodeClient client, NodeRequest request) {
    try {
      client.open();
      return client.send(request);
    } catch (CommandException e) {
      return Future.failedFuture(e);
    }
  }

  private static JsonObject row(NodeAddress node, Future<JsonObject> answer, long timeoutMillis) {
    JsonObject row = new JsonObject().put("host", node.toString());
    try {
      JsonObject info = NodeInfo.object(NodeClient.await(answer, timeoutMillis).getValue("result"));
      return row.put("reachable", true)
          .put("nodeId", info.getValue("nodeId"))
          .put("displayName", info.getValue("displayName"))
          .put("uptimeMillis", info.getValue("uptimeMillis"));
    } catch (CommandException e) {
      boolean reachable = !e.code().equals(ErrorCode.NODE_UNREACHABLE.wireName());
      return row.put("reachable", reachable).put("error", errorJson(e));
    }
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    Table table = new Table("HOST", "REACHABLE", "NODE ID", "DISPLAY NAME", "UPTIME");
    for (Object item : NodeInfo.array(result)) {
      JsonObject row = (JsonObject) item;
      boolean failed = row.containsKey("error");
      table.row(row.getString("host"),
          row.getBoolean("reachable") ? "yes" : "no",
          failed ? "-" : text(row.getValue("nodeId")),
          failed ? "-" : text(row.getValue("displayName")),
          failed ? "-" : NodeInfo.uptime(row.getValue("uptimeMillis")));
    }
    table.print(out);
  }
}
