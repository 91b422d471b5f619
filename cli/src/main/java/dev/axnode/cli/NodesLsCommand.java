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
      description = "A node to ask: HOST or HOST:PORT of its HTTP admin API (default port 4457); repeat for more nodes.")
  List<String> locals;

  @Override
  protected JsonObject run() {
    List<NodeAddress> nodes = new ArrayList<>();
    locals.forEach(local -> nodes.add(NodeAddress.parse(local)));
    NodeClient client = ax().client();
    NodeRequest request = NodeRequest.get("/node");
    List<Future<JsonObject>> answers = new ArrayList<>();
    nodes.forEach(node -> answers.add(client.send(node, request)));
    JsonArray rows = new JsonArray();
    for (int i = 0; i < nodes.size(); i++) {
      rows.add(row(nodes.get(i), answers.get(i), request.timeoutMillis() * 2));
    }
    return ok(rows);
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
