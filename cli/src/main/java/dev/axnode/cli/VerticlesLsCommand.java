package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;

/** {@code ax verticles ls --local NODE}. */
final class VerticlesLsCommand extends NodeCommand {

  VerticlesLsCommand() {
    super("ls", "List the verticles of a node with their version and state.");
  }

  @Override
  protected JsonObject run() {
    return call(AdminOperation.VERTICLES_LS, null);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    NodeInfo.verticles(NodeInfo.array(result)).print(out);
  }
}
