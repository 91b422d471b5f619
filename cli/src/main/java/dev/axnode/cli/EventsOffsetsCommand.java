package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;

/** {@code ax events offsets --local NODE}. */
final class EventsOffsetsCommand extends NodeCommand {

  EventsOffsetsCommand() {
    super("offsets", "Print the highest offset a node holds of each source, and its topic.");
  }

  @Override
  protected JsonObject run() {
    return call(AdminOperation.EVENTS_OFFSETS, null);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    JsonObject offsets = result instanceof JsonObject o ? o : new JsonObject();
    out.println("Topic: " + text(offsets.getValue("topic")));
    Table table = new Table("SOURCE", "OFFSET");
    offsets.getJsonObject("present", new JsonObject()).forEach(entry ->
        table.row(entry.getKey(), String.valueOf(entry.getValue())));
    table.print(out);
  }
}
