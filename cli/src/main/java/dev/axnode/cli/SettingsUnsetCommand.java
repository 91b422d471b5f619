package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ax settings unset SCOPE --local NODE}. */
@Command(name = "unset",
    mixinStandardHelpOptions = true,
    description = "Remove the settings at a scope, so that the defaults apply again.")
final class SettingsUnsetCommand extends NodeCommand {

  @Parameters(index = "0", paramLabel = "SCOPE",
      description = "The settings scope, e.g. com.actyx.os/general/displayName, or . for all scopes.")
  String scope;

  @Override
  protected JsonObject run() {
    return call(AdminOperation.SETTINGS_UNSET, new JsonObject().put("scope", scope));
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.println("Successfully unset settings at " + scope + ".");
  }
}
