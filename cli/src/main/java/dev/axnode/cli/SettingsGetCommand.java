package dev.axnode.cli;

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
    NodeRequest request = NodeRequest.get("/settings").withQuery("scope", scope);
    if (noDefaults) {
      request = request.withQuery("noDefaults", "true");
    }
    return call(request);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.print(YamlRenderer.renderForHumans(result));
  }
}
