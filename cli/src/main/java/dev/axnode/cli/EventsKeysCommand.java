package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ax events keys create|grant|rotate|ls [SEMANTICS] [NODE_ID] [--revoke ID]… --local NODE}:
 * one leaf with the operation as its first parameter, as the command tree has two levels.
 */
final class EventsKeysCommand extends NodeCommand {

  /** What to do with the keys. */
  enum Op { create, grant, rotate, ls }

  Op op;
  String semantics;
  String nodeId;
  List<String> revoke;

  EventsKeysCommand() {
    super("keys", "Create, grant, rotate or list the keys that encrypt events.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("OP")
        .description("What to do: ${COMPLETION-CANDIDATES}."),
        Op.class, () -> op, value -> op = value).build());
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("1").arity("0..1").paramLabel("SEMANTICS")
        .description("The semantics whose key it is (create, grant, rotate)."),
        String.class, () -> semantics, value -> semantics = value).build());
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("2").arity("0..1").paramLabel("NODE_ID")
        .description("The node to grant the key to (grant)."),
        String.class, () -> nodeId, value -> nodeId = value).build());
    spec.addOption(CommandSpecs.bindList(OptionSpec.builder("--revoke").paramLabel("ID")
        .description("A node that does not get the new key epoch (rotate; may be given more than once)."),
        () -> revoke, value -> revoke = value).build());
  }

  @Override
  protected JsonObject run() {
    node();
    if (op != Op.ls && semantics == null) {
      throw CommandException.invalidInput("ax events keys " + op + " needs the SEMANTICS whose key it is");
    }
    if (op == Op.grant && nodeId == null) {
      throw CommandException.invalidInput("ax events keys grant needs the NODE_ID to grant the key to");
    }
    if (revoke != null && op != Op.rotate) {
      throw CommandException.invalidInput("--revoke goes with ax events keys rotate only");
    }
    return switch (op) {
      case create -> call(AdminOperation.EVENTS_KEYS_CREATE, new JsonObject().put("semantics", semantics));
      case grant -> call(AdminOperation.EVENTS_KEYS_GRANT, new JsonObject().put("semantics", semantics)
          .put("nodeId", nodeId));
      case rotate -> call(AdminOperation.EVENTS_KEYS_ROTATE, new JsonObject().put("semantics", semantics)
          .put("revoke", new JsonArray(revoke == null ? List.of() : List.copyOf(revoke))));
      case ls -> call(AdminOperation.EVENTS_KEYS_LS, null);
    };
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.print(YamlRenderer.renderForHumans(result));
  }
}
