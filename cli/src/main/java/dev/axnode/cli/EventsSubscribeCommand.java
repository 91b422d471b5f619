package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code ax events subscribe [--from MAP] [--semantics S] [--name N] [--source ID] [--order O] --local NODE}. */
final class EventsSubscribeCommand extends EventStreamCommand {

  /** The orders a subscription may ask for. */
  enum Order { lamport, source }

  Order order;

  EventsSubscribeCommand() {
    super("subscribe", "Print the events a node holds, then each new one, until Ctrl-C.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--order").paramLabel("ORDER")
        .description("The order: ${COMPLETION-CANDIDATES} (default lamport)."),
        Order.class, () -> order, value -> order = value).build());
  }

  @Override
  protected AdminOperation operation() {
    return AdminOperation.EVENTS_SUBSCRIBE;
  }

  @Override
  protected JsonObject moreParams() {
    return order == null ? new JsonObject() : new JsonObject().put("order", order.name());
  }
}
