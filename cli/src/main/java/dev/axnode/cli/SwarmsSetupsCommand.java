package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import dev.axnode.kernel.message.SetupsRequest;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code ax swarms setups MULTIADDR [--seconds N] --local NODE}. */
final class SwarmsSetupsCommand extends NodeCommand {

  /** Beyond its seconds, the node may finish its last round: a dial, a ping and a close. */
  private static final long MARGIN_MILLIS = 90_000;

  String peer;
  int seconds;

  SwarmsSetupsCommand() {
    super("setups", "Measure connection setups per second to a swarm peer.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("MULTIADDR")
        .description("The peer with its ID, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…."),
        String.class, () -> peer, value -> peer = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--seconds").paramLabel("N").defaultValue("10")
        .description("How long to measure, from 1 to 300 seconds (default 10)."),
        int.class, () -> seconds, value -> seconds = value).build());
  }

  @Override
  protected JsonObject run() {
    if (seconds < 1 || seconds > SetupsRequest.MAX_SECONDS) {
      throw CommandException.invalidInput("--seconds takes 1 to " + SetupsRequest.MAX_SECONDS + ", not " + seconds);
    }
    JsonObject body = new JsonObject().put("multiaddr", peer).put("seconds", seconds);
    return callWithProgress(AdminOperation.SWARM_SETUPS, body, seconds * 1000L + MARGIN_MILLIS);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    JsonObject setups = NodeInfo.object(result);
    out.printf(Locale.ROOT, "Peer:      %s%n", text(setups.getValue("peerId")));
    out.printf(Locale.ROOT, "Setups:    %d in %.3f s = %.1f per second%n", setups.getLong("count", 0L),
        setups.getDouble("seconds", 0.0), setups.getDouble("perSecond", 0.0));
    out.printf(Locale.ROOT, "Latency:   median %s, p90 %s (dial, secure, one ping)%n",
        millis(setups.getValue("medianMs")), millis(setups.getValue("p90Ms")));
    out.printf(Locale.ROOT, "Failures:  %d%s%n", setups.getLong("failures", 0L),
        setups.getValue("lastError") == null ? "" : ", last: " + setups.getValue("lastError"));
  }

  private static String millis(Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, "%.2f ms", n.doubleValue()) : "-";
  }
}
