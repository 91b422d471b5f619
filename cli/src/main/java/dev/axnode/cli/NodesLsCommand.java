package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code ax nodes ls --local A --local B …}: asks every node at once and prints one row per
 * node. A node that cannot be reached still gets its row; that is not an error.
 */
final class NodesLsCommand extends AxCommand {

  List<String> locals;
  boolean acceptNewHost;

  NodesLsCommand() {
    super("ls", "List nodes: reachable or not, node ID, display name and uptime.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addOption(CommandSpecs.bindList(OptionSpec.builder("--local").required(true).paramLabel("NODE")
        .description("A node to ask: HOST[:PORT] of its HTTP admin API or a multiaddr of its secure admin API;"
          + " repeat for more nodes."),
        () -> locals, value -> locals = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--accept-new-host")
        .description(NodeCommand.ACCEPT_NEW_HOST_DESCRIPTION),
        boolean.class, () -> acceptNewHost, value -> acceptNewHost = value).build());
  }

  @Override
  protected JsonObject run() {
    List<NodeAddress> nodes = new ArrayList<>();
    locals.forEach(local -> nodes.add(NodeAddress.parse(local)));
    AxClient client = ax().client();
    // All requests go out before the first answer is awaited: the nodes are asked at once.
    List<Future<JsonObject>> answers = new ArrayList<>();
    for (NodeAddress node : nodes) {
      ClientRequest request = ClientRequest.of(AdminCall.of(AdminOperation.NODE_INSPECT), node.toString());
      answers.add(client.send(acceptNewHost ? request.acceptingNewHosts() : request));
    }
    JsonArray rows = new JsonArray();
    for (int i = 0; i < nodes.size(); i++) {
      rows.add(row(nodes.get(i), client, answers.get(i)));
    }
    return ok(rows);
  }

  /** One node's answer; failing to open (unreachable, unknown host refused) is that node's row only. */
  private JsonObject row(NodeAddress node, AxClient client, Future<JsonObject> answer) {
    JsonObject row = new JsonObject().put("host", node.toString());
    try {
      JsonObject info = NodeInfo.object(client.await(answer, spec.commandLine().getErr()).getValue("result"));
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
