package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;

/** {@code ax settings scopes --local NODE}. */
final class SettingsScopesCommand extends NodeCommand {

  SettingsScopesCommand() {
    super("scopes", "List the top-level settings scopes of a node, one per line.");
  }

  @Override
  protected JsonObject run() {
    return call(AdminOperation.SETTINGS_SCOPES, null);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    NodeInfo.array(result).forEach(scope -> out.println(scope));
  }
}
