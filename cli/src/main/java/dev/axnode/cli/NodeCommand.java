package dev.axnode.cli;

import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** A subcommand that talks to exactly one node, named by {@code --local}. */
abstract class NodeCommand extends AxCommand {

  static final String LOCAL_DESCRIPTION = "The node to talk to: HOST or HOST:PORT of its HTTP admin API"
      + " (default port 4457), or a multiaddr of its secure admin API such as /dns4/localhost/tcp/4458.";
  static final String ACCEPT_NEW_HOST_DESCRIPTION = "Trust a secure API node not yet in known_hosts"
      + " without asking, and record it there.";

  @Option(names = "--local", required = true, paramLabel = "NODE", description = LOCAL_DESCRIPTION)
  String local;

  @Option(names = "--accept-new-host", description = ACCEPT_NEW_HOST_DESCRIPTION)
  boolean acceptNewHost;

  /** Parses {@code --local} before anything else happens, so a bad address costs no connection. */
  protected NodeAddress node() {
    return NodeAddress.parse(local);
  }

  /** Performs the request against the node and returns its success envelope. */
  protected JsonObject call(NodeRequest request) {
    return client().call(request);
  }

  /**
   * Performs a long request, drawing the node's progress on stderr while it runs when stderr
   * is a terminal and the output is not {@code --json}. {@code request} builds the request
   * from a run id (null: none, no progress wanted), which the node reports progress under.
   */
  protected JsonObject callWithProgress(Function<String, NodeRequest> request) {
    NodeClient client = client();
    if (json || !ProgressReporter.stderrIsTerminal()) {
      return client.call(request.apply(null));
    }
    client.open();
    try (ProgressReporter progress = new ProgressReporter(client, spec.commandLine().getErr())) {
      NodeRequest sent = request.apply(progress.runId());
      progress.start();
      return NodeClient.await(client.send(sent), sent.timeoutMillis() * 2);
    }
  }

  private NodeClient client() {
    return ax().clients().forNode(node(), acceptNewHost, spec.commandLine().getErr());
  }
}
