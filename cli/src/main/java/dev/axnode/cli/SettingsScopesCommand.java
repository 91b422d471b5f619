package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code ax settings scopes --local NODE}. */
@Command(name = "scopes",
    mixinStandardHelpOptions = true,
    description = "List the top-level settings scopes of a node, one per line.")
final class SettingsScopesCommand extends NodeCommand {

  @Override
  protected JsonObject run() {
    return call(AdminOperation.SETTINGS_SCOPES, null);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    NodeInfo.array(result).forEach(scope -> out.println(scope));
  }
}
