package dev.axnode.deploy.cluster;

import dev.axnode.deploy.NodeProcess;
import dev.axnode.deploy.TestJars;
import dev.axnode.kernel.cluster.ClusterConfig;
import dev.axnode.kernel.cluster.ClusterVertx;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One node as cluster members: the certificates made by the real {@code ax-node cluster}
 * commands, member processes started from the node jar, and the test JVM joining as a member.
 */
final class ClusterMembers {

  static final String HOST = "127.0.0.1";
  private static final Pattern HAZELCAST = Pattern.compile("member listening on hazelcast [^\\s]+:(\\d+)");
  private static final Pattern BUS = Pattern.compile("event bus listening on tls [^\\s]+:(\\d+)");
  private static final Pattern HTTP = Pattern.compile("listening on http [^\\s]+:(\\d+)");
  private static final Pattern SWARM = Pattern.compile("transport listening on tcp [^\\s]+:(\\d+)");

  private ClusterMembers() {
  }

  /** Runs {@code ax-node ARGS} (an offline command) and returns its output; fails unless it exits 0. */
  static String axNode(String... args) throws IOException, InterruptedException {
    CommandResult result = axNodeResult(args);
    assertEquals(0, result.exitCode(), result.output());
    return result.output();
  }

  record CommandResult(int exitCode, String output) {
  }

  static CommandResult axNodeResult(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(TestJars.java(), "-jar", System.getProperty("ax.node.jar")));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("ax-node " + String.join(" ", args) + " did not finish");
    }
    return new CommandResult(process.exitValue(), output);
  }

  /** The CA in {@code keys}, and member certificates for it and each of {@code others} (their DATA/cluster). */
  static void issue(Path keys, Path... others) throws IOException, InterruptedException {
    axNode("cluster", "init", "--data-dir", keys.toString());
    axNode("cluster", "add-member", "--data-dir", keys.toString(), "--name", "keys", "--host", HOST);
    for (Path other : others) {
      axNode("cluster", "add-member", "--data-dir", keys.toString(), "--name", other.getFileName().toString(),
          "--host", HOST, "--out", other.resolve("cluster").toString());
    }
  }

  /** Starts a member process running {@code verticles}, joining {@code join} (none for the first). */
  static NodeProcess member(Path dataDir, String verticles, Integer join, String... extraArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("--cluster", "--cluster-host", HOST, "--cluster-port", "0",
        "--verticles", verticles));
    if (join != null) {
      args.addAll(List.of("--join", HOST + ":" + join));
    }
    args.addAll(List.of(extraArgs));
    return NodeProcess.start(dataDir, args.toArray(String[]::new));
  }

  /**
   * A free port for a listener that must keep its address across a restart (the bootstrap
   * entry of another node names it); everything else binds port 0.
   */
  static int freePort() throws IOException {
    return FreePorts.outsideEphemeralRange(HOST);
  }

  /** The test JVM as a member with the certificate in {@code clusterDir}, codecs registered as a kernel does. */
  static Vertx join(Path clusterDir, int hazelcastPort) {
    Vertx vertx = ClusterVertx.start(new VertxOptions(),
            new ClusterConfig(HOST, 0, 0, List.of(HOST + ":" + hazelcastPort), clusterDir))
        .toCompletionStage().toCompletableFuture().orTimeout(90, TimeUnit.SECONDS).join();
    MessageCodecs.registerAll(vertx.eventBus());
    return vertx;
  }

  static int hazelcastPort(NodeProcess member) {
    return port(HAZELCAST, member);
  }

  static int busPort(NodeProcess member) {
    return port(BUS, member);
  }

  static int httpPort(NodeProcess... members) {
    return port(HTTP, members);
  }

  /** The swarm port: the transport announces it to a kernel, whichever member's that is. */
  static int swarmPort(NodeProcess... members) {
    return port(SWARM, members);
  }

  private static int port(Pattern pattern, NodeProcess... members) {
    for (NodeProcess member : members) {
      Matcher matcher = pattern.matcher(member.logText());
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    throw new AssertionError("no '" + pattern + "' in the members' logs");
  }
}
