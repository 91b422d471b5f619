package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code ax settings get SCOPE --local NODE [--no-defaults]}. */
final class SettingsGetCommand extends NodeCommand {

  String scope;
  boolean noDefaults;

  SettingsGetCommand() {
    super("get", "Print the settings at a scope as YAML.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(SettingsCommand.scopeParameter(() -> scope, value -> scope = value));
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--no-defaults")
        .description("Print only what was set, without the defaults."),
        boolean.class, () -> noDefaults, value -> noDefaults = value).build());
  }

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
