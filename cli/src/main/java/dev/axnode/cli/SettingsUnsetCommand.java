package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ax settings unset SCOPE --local NODE}. */
final class SettingsUnsetCommand extends NodeCommand {

  String scope;

  SettingsUnsetCommand() {
    super("unset", "Remove the settings at a scope, so that the defaults apply again.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(SettingsCommand.scopeParameter(() -> scope, value -> scope = value));
  }

  @Override
  protected JsonObject run() {
    return call(AdminOperation.SETTINGS_UNSET, new JsonObject().put("scope", scope));
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.println("Successfully unset settings at " + scope + ".");
  }
}
