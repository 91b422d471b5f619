package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code ax swarms perf MULTIADDR [--upload SIZE] [--download SIZE] --local NODE}. */
final class SwarmsPerfCommand extends NodeCommand {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?", Pattern.CASE_INSENSITIVE);
  private static final long PERF_TIMEOUT_MILLIS = 15 * 60 * 1000;

  String peer;
  String upload;
  String download;

  SwarmsPerfCommand() {
    super("perf", "Measure throughput to a swarm peer with /perf/1.0.0.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("MULTIADDR")
        .description("The peer, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…."),
        String.class, () -> peer, value -> peer = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--upload").paramLabel("SIZE").defaultValue("0")
        .description("Bytes to send (e.g. 10MiB)."),
        String.class, () -> upload, value -> upload = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--download").paramLabel("SIZE").defaultValue("0")
        .description("Bytes to receive (e.g. 1GiB)."),
        String.class, () -> download, value -> download = value).build());
  }

  @Override
  protected JsonObject run() {
    JsonObject body = new JsonObject().put("multiaddr", peer).put("uploadBytes", bytes("--upload", upload))
        .put("downloadBytes", bytes("--download", download));
    return callWithProgress(AdminOperation.SWARM_PERF, body, PERF_TIMEOUT_MILLIS);
  }

  /** Parses 1024, 10MiB, 1GiB, 5MB …: binary and decimal units. */
  static long bytes(String option, String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new CommandException(dev.axnode.kernel.ErrorCode.INVALID_INPUT,
          option + " takes a size such as 1048576, 10MiB or 1GiB, not '" + text + "'");
    }
    long value = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long factor = switch (unit) {
      case "KB" -> 1000L;
      case "KIB" -> 1L << 10;
      case "MB" -> 1000L * 1000;
      case "MIB" -> 1L << 20;
      case "GB" -> 1000L * 1000 * 1000;
      case "GIB" -> 1L << 30;
      default -> 1L;
    };
    return Math.multiplyExact(value, factor);
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    JsonObject perf = NodeInfo.object(result);
    out.printf(Locale.ROOT, "Peer:      %s%n", text(perf.getValue("peerId")));
    out.printf(Locale.ROOT, "Upload:    %d bytes in %.3f s = %.1f MB/s%n", perf.getLong("uploadBytes", 0L),
        perf.getDouble("uploadSeconds", 0.0), perf.getDouble("uploadMBps", 0.0));
    out.printf(Locale.ROOT, "Download:  %d bytes in %.3f s = %.1f MB/s%n", perf.getLong("downloadBytes", 0L),
        perf.getDouble("downloadSeconds", 0.0), perf.getDouble("downloadMBps", 0.0));
  }
}
