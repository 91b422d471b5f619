package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code ax events query [--from MAP] [--to MAP] [--semantics S] [--name N] [--source ID] [--order O] --local NODE}. */
final class EventsQueryCommand extends EventStreamCommand {

  /** The orders a query may ask for. */
  enum Order { lamport, reverse, source }

  String to;
  Order order;

  EventsQueryCommand() {
    super("query", "Print the events a node holds, one at a time as they arrive.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--to").paramLabel("MAP")
        .description("Only events up to these offsets (default: what the node holds now), as JSON or YAML, @FILE or @-."),
        String.class, () -> to, value -> to = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--order").paramLabel("ORDER")
        .description("The order: ${COMPLETION-CANDIDATES} (default lamport)."),
        Order.class, () -> order, value -> order = value).build());
  }

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
