package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code ax events publish SEMANTICS NAME PAYLOAD --local NODE}. */
final class EventsPublishCommand extends NodeCommand {

  String semantics;
  String name;
  String payload;

  EventsPublishCommand() {
    super("publish", "Publish one event as the node's own and print where it was stored.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("SEMANTICS")
        .description("The event's semantics, e.g. com.example.orders."),
        String.class, () -> semantics, value -> semantics = value).build());
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("1").paramLabel("NAME")
        .description("The event's name within the semantics, e.g. order-17."),
        String.class, () -> name, value -> name = value).build());
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("2").paramLabel("PAYLOAD")
        .description("The payload as JSON or YAML, @FILE to read it from a file, or @- to read it from standard input."),
        String.class, () -> payload, value -> payload = value).build());
  }

  @Override
  protected JsonObject run() {
    node();
    Object parsed = ValueParser.parseArgument(payload, ax().stdin());
    JsonObject event = new JsonObject().put("semantics", semantics).put("name", name).put("payload", parsed);
    return call(AdminOperation.EVENTS_PUBLISH, new JsonObject().put("data", new JsonArray().add(event)));
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    JsonArray data = result instanceof JsonObject o ? o.getJsonArray("data", new JsonArray()) : new JsonArray();
    for (Object item : data) {
      JsonObject receipt = (JsonObject) item;
      JsonObject stream = receipt.getJsonObject("stream", new JsonObject());
      out.println("Published " + stream.getString("semantics") + "/" + stream.getString("name") + " at offset "
          + receipt.getValue("offset") + " (lamport " + receipt.getValue("lamport") + ", source "
          + stream.getString("source") + ").");
    }
  }
}
