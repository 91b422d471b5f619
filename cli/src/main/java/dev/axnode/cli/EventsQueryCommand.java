package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ax events query [--from MAP] [--to MAP] [--semantics S] [--name N] [--source ID] [--order O] --local NODE}. */
@Command(name = "query",
    mixinStandardHelpOptions = true,
    description = "Print the events a node holds, one at a time as they arrive.")
final class EventsQueryCommand extends EventStreamCommand {

  /** The orders a query may ask for. */
  enum Order { lamport, reverse, source }

  @Option(names = "--to", paramLabel = "MAP",
      description = "Only events up to these offsets (default: what the node holds now), as JSON or YAML, @FILE or @-.")
  String to;

  @Option(names = "--order", paramLabel = "ORDER", description = "The order: ${COMPLETION-CANDIDATES} (default lamport).")
  Order order;

  @Override
  protected AdminOperation operation() {
    return AdminOperation.EVENTS_QUERY;
  }

  @Override
  protected JsonObject moreParams() {
    JsonObject params = new JsonObject();
    if (to != null) {
      params.put("upperBound", offsetMap("--to", to));
    }
    if (order != null) {
      params.put("order", order.name());
    }
    return params;
  }
}
