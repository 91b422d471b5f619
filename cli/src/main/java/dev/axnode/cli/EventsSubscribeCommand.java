package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ax events subscribe [--from MAP] [--semantics S] [--name N] [--source ID] [--order O] --local NODE}. */
@Command(name = "subscribe",
    mixinStandardHelpOptions = true,
    description = "Print the events a node holds, then each new one, until Ctrl-C.")
final class EventsSubscribeCommand extends EventStreamCommand {

  /** The orders a subscription may ask for. */
  enum Order { lamport, source }

  @Option(names = "--order", paramLabel = "ORDER", description = "The order: ${COMPLETION-CANDIDATES} (default lamport).")
  Order order;

  @Override
  protected AdminOperation operation() {
    return AdminOperation.EVENTS_SUBSCRIBE;
  }

  @Override
  protected JsonObject moreParams() {
    return order == null ? new JsonObject() : new JsonObject().put("order", order.name());
  }
}
