package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code ax verticles ls --local NODE}. */
@Command(name = "ls",
    mixinStandardHelpOptions = true,
    description = "List the verticles of a node with their version and state.")
final class VerticlesLsCommand extends NodeCommand {

  @Override
  protected JsonObject run() {
    return call(AdminOperation.VERTICLES_LS, null);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    NodeInfo.verticles(NodeInfo.array(result)).print(out);
  }
}
