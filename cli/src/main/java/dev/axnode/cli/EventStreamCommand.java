package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shared part of {@code ax events query} and {@code ax events subscribe}: the filter and
 * lower bound options, and printing each event as it arrives. With {@code --json} each event
 * is one line of JSON and nothing else goes to standard output (an error is a last line
 * {@code {"code":"ERR_…"}}); without it each event is a YAML document.
 */
abstract class EventStreamCommand extends NodeCommand {

  String from;
  String semantics;
  String name;
  String source;

  EventStreamCommand(String name, String description) {
    super(name, description);
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--from").paramLabel("MAP")
        .description("Only events after these offsets, as JSON or YAML {source: offset}, @FILE or @-."),
        String.class, () -> from, value -> from = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--semantics").paramLabel("S")
        .description("Only events of this semantics."), String.class, () -> semantics, value -> semantics = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--name").paramLabel("N")
        .description("Only events of this name."), String.class, () -> name, value -> name = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--source").paramLabel("ID")
        .description("Only events from this node ID."), String.class, () -> source, value -> source = value).build());
  }

  /** The operation and the params beyond filter and lower bound. */
  protected abstract AdminOperation operation();

  protected abstract JsonObject moreParams();

  @Override
  protected final JsonObject run() {
    node();
    JsonObject params = moreParams();
    if (from != null) {
      params.put("lowerBound", offsetMap("--from", from));
    }
    JsonObject filter = new JsonObject();
    putIfSet(filter, "semantics", semantics);
    putIfSet(filter, "name", name);
    putIfSet(filter, "source", source);
    if (!filter.isEmpty()) {
      params.put("filter", filter);
    }
    PrintWriter out = out();
    callStream(operation(), params, event -> {
      out.print(json ? event.encode() + "\n" : YamlRenderer.renderDocument(event));
      out.flush();
    });
    return null; // every event is printed already
  }

  @Override
  protected final void printHuman(Object result, PrintWriter out) {
    // run() printed the events as they came.
  }

  /** An offset map argument: JSON or YAML text, @FILE or @-, that must be an object. */
  protected JsonObject offsetMap(String option, String argument) {
    Object parsed = ValueParser.parseArgument(argument, ax().stdin());
    if (!(parsed instanceof JsonObject map)) {
      throw CommandException.invalidInput(option + " takes an offset map {source: offset}, not " + argument);
    }
    return map;
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
