package dev.axnode.deploy.events;

import dev.axnode.deploy.AxCli;
import dev.axnode.deploy.NodeProcess;
import io.vertx.core.json.JsonArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real node processes in private swarms for one test: each node is started on free ports in
 * {@code dir/<name>}, given a swarm key and bootstrap nodes over its HTTP admin API, and stopped
 * when the swarm is closed.
 */
final class Swarm implements AutoCloseable {

  static final Duration CONNECT = Duration.ofSeconds(60);

  private final Path dir;
  private final AxCli ax;
  private final List<NodeProcess> nodes = new ArrayList<>();

  Swarm(Path dir) {
    this.dir = dir;
    this.ax = new AxCli(dir.resolve("ax-config"));
  }

  AxCli ax() {
    return ax;
  }

  /** {@code ax swarms keygen}. */
  String newKey() throws Exception {
    AxCli.Result keygen = ax.run("swarms", "keygen");
    assertEquals(0, keygen.exitCode(), keygen::toString);
    return keygen.stdout().strip();
  }

  /** Starts a node named {@code name} with {@code swarmKey}, dialing {@code bootstrap}. */
  NodeProcess start(String name, String swarmKey, NodeProcess... bootstrap) throws Exception {
    NodeProcess node = track(NodeProcess.start(dir.resolve(name)));
    join(node, swarmKey, bootstrap);
    return node;
  }

  /**
   * Starts nodes of these names side by side (a start is mostly the keystore's scrypt, one
   * core each), each in its own swarm until {@link #join} gives it a key.
   */
  List<NodeProcess> startAll(String... names) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(names.length);
    try {
      List<Future<NodeProcess>> started = new ArrayList<>();
      for (String name : names) {
        started.add(starters.submit(() -> NodeProcess.start(dir.resolve(name))));
      }
      List<NodeProcess> running = new ArrayList<>();
      ExecutionException failed = null;
      for (Future<NodeProcess> node : started) {
        try {
          running.add(track(node.get()));
        } catch (ExecutionException e) {
          failed = failed == null ? e : failed; // the others still get tracked, so close() stops them
        }
      }
      if (failed != null) {
        throw failed;
      }
      return running;
    } finally {
      starters.shutdown();
    }
  }

  /** Gives {@code node} the swarm key and makes it dial {@code bootstrap}. */
  void join(NodeProcess node, String swarmKey, NodeProcess... bootstrap) throws Exception {
    EventHttp.setSetting(node, "com.actyx.os/general/swarmKey", swarmKey);
    if (bootstrap.length > 0) {
      JsonArray addresses = new JsonArray();
      for (NodeProcess peer : bootstrap) {
        addresses.add(peer.swarmAddress());
      }
      EventHttp.setSetting(node, "com.actyx.os/general/bootstrapNodes", addresses);
    }
  }

  /**
   * Starts the stopped {@code node} of {@code name} again on its data directory (its settings
   * kept) and on its swarm port, so peers that know it only by its address find it again.
   */
  NodeProcess restart(String name, NodeProcess node) throws Exception {
    return track(NodeProcess.start(dir.resolve(name), "--swarm-port", String.valueOf(node.swarmPort())));
  }

  private NodeProcess track(NodeProcess node) {
    nodes.add(node);
    return node;
  }

  /** Waits until {@code node} lists every one of {@code peers} as connected. */
  static void awaitConnected(NodeProcess node, NodeProcess... peers) throws Exception {
    List<String> ids = new ArrayList<>();
    for (NodeProcess peer : peers) {
      ids.add(peer.nodeId());
    }
    Poll.await("node " + node.nodeId() + " connected to " + ids, CONNECT,
        () -> EventHttp.peers(node).containsAll(ids));
  }

  /** Runs {@code ax ARGS --local NODE}, asserting it succeeded: its stdout. */
  String axOk(NodeProcess node, String... args) throws Exception {
    AxCli.Result result = axRun(node, args);
    assertEquals(0, result.exitCode(), result::toString);
    return result.stdout();
  }

  AxCli.Result axRun(NodeProcess node, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--local", node.local()));
    return ax.run(command.toArray(String[]::new));
  }

  /** Stops every node and keeps its log in {@code target/event-it-logs/} for a failure's post-mortem. */
  @Override
  public void close() throws Exception {
    Path logs = Path.of("target", "event-it-logs");
    Files.createDirectories(logs);
    Exception first = null;
    for (NodeProcess node : nodes) {
      try {
        node.close();
        Files.writeString(logs.resolve(dir.getFileName() + "-" + node.pid() + ".log"), node.logText());
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
