package dev.axnode.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ax nodes forget ADDRESS}: removes the known-hosts entries of a secure address, the
 * way {@code ssh-keygen -R} does, so that the next connection asks again. Every entry whose
 * address has the same canonical form goes ({@code /ip4/1.2.3.4/tcp/4458/} and
 * {@code /ip4/1.2.3.4/tcp/4458/p2p/…} are one host). Forgetting an address that is not
 * recorded is not an error: the result is the same.
 */
final class NodesForgetCommand extends AxCommand {

  String address;

  NodesForgetCommand() {
    super("forget", "Remove a node's address from known_hosts, to accept a new node ID.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("ADDRESS")
        .description("The multiaddr as given to --local, e.g. /dns4/localhost/tcp/4458."),
        String.class, () -> address, value -> address = value).build());
  }

  @Override
  protected JsonObject run() {
    String host;
    try {
      host = KnownHosts.canonical(address);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalidInput("Invalid node address " + address + ": " + e.getMessage()
          + ". Use e.g. /dns4/localhost/tcp/4458 or /ip4/127.0.0.1/tcp/4458.");
    }
    Path file = ax().config().knownHostsFile();
    // Only a removal needs the lock; an absent entry stays absent whoever writes meanwhile.
    boolean removed = KnownHosts.load(file).contains(host);
    if (removed) {
      KnownHosts.update(file, known -> known.without(host));
    }
    return ok(new JsonObject().put("address", host).put("file", file.toString()).put("removed", removed));
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    JsonObject forgotten = (JsonObject) result;
    String host = forgotten.getString("address");
    String file = forgotten.getString("file");
    out.println(forgotten.getBoolean("removed")
        ? "Removed " + host + " from " + file
        : host + " is not in " + file + "; nothing to remove.");
  }
}
