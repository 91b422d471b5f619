package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ax settings get SCOPE --local NODE [--no-defaults]}. */
@Command(name = "get",
    mixinStandardHelpOptions = true,
    description = "Print the settings at a scope as YAML.")
final class SettingsGetCommand extends NodeCommand {

  @Parameters(index = "0", paramLabel = "SCOPE",
      description = "The settings scope, e.g. com.actyx.os/general/displayName, or . for all scopes.")
  String scope;

  @Option(names = "--no-defaults", description = "Print only what was set, without the defaults.")
  boolean noDefaults;

  @Override
  protected JsonObject run() {
    JsonObject params = new JsonObject().put("scope", scope);
    if (noDefaults) {
      params.put("noDefaults", true);
    }
    return call(AdminOperation.SETTINGS_GET, params);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.print(YamlRenderer.renderForHumans(result));
  }
}
