package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code ax settings schema SCOPE --local NODE}. */
final class SettingsSchemaCommand extends NodeCommand {

  String scope;

  SettingsSchemaCommand() {
    super("schema", "Print the JSON schema of the settings at a scope, as YAML.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("SCOPE")
        .description("The settings scope, e.g. com.actyx.os, or . for all scopes."),
        String.class, () -> scope, value -> scope = value).build());
  }

  @Override
  protected JsonObject run() {
    return call(AdminOperation.SETTINGS_SCHEMA, new JsonObject().put("scope", scope));
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.print(YamlRenderer.renderForHumans(result));
  }
}
