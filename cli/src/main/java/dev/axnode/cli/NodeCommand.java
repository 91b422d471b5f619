package dev.axnode.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Option;

/** A subcommand that talks to exactly one node, named by {@code --local}. */
abstract class NodeCommand extends AxCommand {

  @Option(names = "--local", required = true, paramLabel = "NODE",
      description = "The node to talk to: HOST or HOST:PORT of its HTTP admin API (default port 4457).")
  String local;

  /** Parses {@code --local} before anything else happens, so a bad address costs no connection. */
  protected NodeAddress node() {
    return NodeAddress.parse(local);
  }

  /** Performs the request against the node and returns its success envelope. */
  protected JsonObject call(NodeRequest request) {
    NodeAddress node = node();
    return ax().client().call(node, request);
  }
}
