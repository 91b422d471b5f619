package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ax settings schema SCOPE --local NODE}. */
@Command(name = "schema",
    mixinStandardHelpOptions = true,
    description = "Print the JSON schema of the settings at a scope, as YAML.")
final class SettingsSchemaCommand extends NodeCommand {

  @Parameters(index = "0", paramLabel = "SCOPE",
      description = "The settings scope, e.g. com.actyx.os, or . for all scopes.")
  String scope;

  @Override
  protected JsonObject run() {
    return call(AdminOperation.SETTINGS_SCHEMA, new JsonObject().put("scope", scope));
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.print(YamlRenderer.renderForHumans(result));
  }
}
