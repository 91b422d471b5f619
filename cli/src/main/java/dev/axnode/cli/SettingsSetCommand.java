package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code ax settings set SCOPE VALUE --local NODE}. */
final class SettingsSetCommand extends NodeCommand {

  /** The node refuses JSON bodies larger than this; say so before sending them. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  String scope;
  String value;

  SettingsSetCommand() {
    super("set", "Replace the settings at a scope and print the result with defaults.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(SettingsCommand.scopeParameter(() -> scope, value -> scope = value));
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("1").paramLabel("VALUE")
        .description("The new value as JSON or YAML, @FILE to read it from a file, or @- to read it from standard input."),
        String.class, () -> value, text -> value = text).build());
  }

  @Override
  protected JsonObject run() {
    node();
    Object parsed = ValueParser.parseArgument(value, ax().stdin());
    Buffer body = Buffer.buffer(Json.encode(parsed));
    if (body.length() > MAX_BODY_BYTES) {
      throw CommandException.invalidInput("The value is " + body.length()
          + " bytes as JSON; the node accepts at most " + MAX_BODY_BYTES + " bytes.");
    }
    return call(AdminOperation.SETTINGS_SET, new JsonObject().put("scope", scope).put("value", parsed));
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.println("Successfully replaced settings at " + scope + ". Created object with defaults:");
    out.print(YamlRenderer.renderDocument(result));
  }
}
