package dev.axnode.deploy.cluster;

import dev.axnode.deploy.AxCli;
import dev.axnode.deploy.JsPeer;
import dev.axnode.deploy.NodeProcess;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SignPurpose;
import dev.axnode.kernel.message.SignRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One node whose swarm layers are split across members, so connection bytes cross the
 * clustered event bus twice: keys (keystore, settings, admin API), wire (transport, on a
 * fixed swarm port so its address survives a restart) and crypto (psk, handshake). Then the
 * faults: the wire member killed and restarted, the keys member killed. The tests share the
 * members and run in order; each later one starts from the state the earlier ones left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSplitIT {

  private static final long TEN_MIB = 10L << 20;

  @TempDir
  static Path dir;
  private static NodeProcess keys;
  private static NodeProcess wire;
  private static NodeProcess crypto;
  private static NodeProcess ordinary;
  private static Vertx probe;
  private static AxCli ax;
  private static int swarmPort;
  private static Path keyFile;

  @BeforeAll
  static void start() throws Exception {
    ClusterMembers.issue(dir.resolve("keys"), dir.resolve("wire"), dir.resolve("crypto"), dir.resolve("probe"));
    keys = ClusterMembers.member(dir.resolve("keys"), "keystore,settings,admin-api", null);
    int join = ClusterMembers.hazelcastPort(keys);
    swarmPort = ClusterMembers.freePort();
    wire = startWire(join);
    crypto = ClusterMembers.member(dir.resolve("crypto"), "psk,handshake", join);
    probe = ClusterMembers.join(dir.resolve("probe/cluster"), join);
    ax = new AxCli(dir.resolve("config"));
    String key = ax.run("swarms", "keygen").stdout().strip();
    keyFile = Files.writeString(dir.resolve("swarm.key"), key);
    AxCli.Result set = ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", keysLocal());
    assertEquals(0, set.exitCode(), set::toString);
  }

  /** The transport member, on the fixed swarm port the ordinary node keeps in its bootstrap list. */
  private static NodeProcess startWire(int join) throws Exception {
    return ClusterMembers.member(dir.resolve("wire"), "transport", join, "--swarm-port", Integer.toString(swarmPort));
  }

  @AfterAll
  static void stop() throws Exception {
    if (probe != null) {
      probe.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    for (NodeProcess process : new NodeProcess[] {ordinary, crypto, wire, keys}) {
      if (process != null) {
        process.close();
      }
    }
  }

  @Test
  @Order(1)
  void aJsPeerGetsPnetNoisePingsAndPerfThroughThreeMembers() throws Exception {
    assertEquals(keys.nodeId(), wire.nodeId());
    assertEquals(keys.nodeId(), crypto.nodeId());
    // The key reaches the psk member as a published SettingsChanged; a dial racing it is refused.
    JsonObject outcome = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try (JsPeer js = JsPeer.run("dial", address(), "--psk", keyFile.toString(), "--ping", "2",
          "--perf-upload", String.valueOf(TEN_MIB), "--perf-download", String.valueOf(TEN_MIB),
          "--timeout-ms", "15000")) {
        List<JsonObject> events = new ArrayList<>();
        outcome = collect(js, events);
        if (outcome.getString("event").equals("done")) {
          assertEquals(2, events.stream().filter(e -> e.getString("event").equals("ping")).count());
          JsonObject perf = events.stream().filter(e -> e.getString("event").equals("perf")).findFirst().orElseThrow();
          assertEquals(TEN_MIB, perf.getLong("uploadBytes"));
          assertEquals(TEN_MIB, perf.getLong("downloadBytes"));
          return;
        }
      }
    }
    throw new AssertionError("js never completed pnet + Noise + pings + perf through the split node: " + outcome
        + "\n--- wire\n" + wire.logText() + "\n--- crypto\n" + crypto.logText());
  }

  @Test
  @Order(2)
  void aJsPeerWithAnotherSwarmKeyGetsNoConnection() throws Exception {
    Path otherKey = Files.writeString(dir.resolve("other.key"), ax.run("swarms", "keygen").stdout().strip());
    try (JsPeer js = JsPeer.run("dial", address(), "--psk", otherKey.toString(), "--ping", "1", "--timeout-ms", "5000")) {
      JsonObject outcome = js.outcome(60);
      assertEquals("error", outcome.getString("event"), js.output());
    }
    awaitTrue("the psk member refused the stranger", Duration.ofSeconds(20),
        () -> crypto.logText().contains("another swarm key"));
  }

  @Test
  @Order(3)
  void aKilledWireMemberIsReconnectedAfterItsRestartWithTheSameNodeId() throws Exception {
    String nodeId = keys.nodeId();
    ordinary = NodeProcess.start(dir.resolve("ordinary"));
    assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", Files.readString(keyFile).strip(),
        "--local", ordinary.local()).exitCode());
    assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/bootstrapNodes",
        new JsonArray().add(address()).encode(), "--local", ordinary.local()).exitCode());
    awaitTrue("the ordinary node lists the split node", Duration.ofSeconds(30), () -> peers(ordinary).contains(nodeId));

    wire.kill9();
    awaitTrue("the ordinary node drops the killed wire member", Duration.ofSeconds(30),
        () -> !peers(ordinary).contains(nodeId));
    // the killed member sent no end of link: the psk member learns it from the member leaving the cluster
    awaitTrue("the psk member drops the dead member's connections", Duration.ofSeconds(30),
        () -> pskConnections() == 0);
    wire = startWire(ClusterMembers.hazelcastPort(keys));
    assertEquals(nodeId, wire.nodeId());
    awaitTrue("the ordinary node reconnects to the restarted wire member", Duration.ofSeconds(60),
        () -> peers(ordinary).contains(nodeId));
  }

  @Test
  @Order(4)
  void withTheKeysMemberKilledSigningFailsFastButConnectionsOldAndNewKeepWorking() throws Exception {
    String nodeId = keys.nodeId();
    List<String> before = connectionIds(ordinary, nodeId);
    assertEquals(1, before.size(), before::toString);
    keys.kill9();

    long started = System.nanoTime();
    ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> BusRequests.request(probe, Addresses.KEYSTORE_SIGN, new SignRequest(SignPurpose.NOISE_STATIC_KEY,
            new byte[32])).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertInstanceOf(AxException.class, failed.getCause());
    assertEquals(ErrorCode.NODE_UNREACHABLE, ((AxException) failed.getCause()).code(), failed.getCause().toString());
    // the 2 s deadline, plus room for a loaded machine to run the timer
    assertTrue(tookMs < BusRequests.DEFAULT_TIMEOUT_MS + 1_000, "signing failed only after " + tookMs + " ms");

    // The existing connection carries 10 MiB each way, and stays the same connection.
    AxCli.Result perf = ax.run("swarms", "perf", address(), "--upload", "10MiB", "--download", "10MiB",
        "--json", "--local", ordinary.local());
    assertEquals(0, perf.exitCode(), perf::toString);
    assertEquals(TEN_MIB, new JsonObject(perf.stdout()).getJsonObject("result").getLong("downloadBytes"));
    assertEquals(before, connectionIds(ordinary, nodeId), "the existing connection kept running");

    // A new handshake needs no signature: the Noise static key was signed once, at start.
    try (JsPeer js = JsPeer.run("dial", address(), "--psk", keyFile.toString(), "--ping", "2", "--timeout-ms", "15000")) {
      JsonObject outcome = js.outcome(60);
      assertEquals("done", outcome.getString("event"), js.output() + "\n--- crypto\n" + crypto.logText());
    }
  }

  private static int pskConnections() throws Exception {
    JsonValue stats = BusRequests.<JsonValue>request(probe, Addresses.PSK_STATS, null)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return ((JsonObject) stats.value()).getInteger("connections");
  }

  private static String address() {
    return "/ip4/127.0.0.1/tcp/" + swarmPort + "/p2p/" + keys.nodeId();
  }

  private static String keysLocal() {
    return "localhost:" + ClusterMembers.httpPort(keys);
  }

  /** The events of a dial up to its end ("done", "error" or "exited"), which is returned. */
  private static JsonObject collect(JsPeer js, List<JsonObject> events) throws InterruptedException {
    JsonObject outcome = js.outcome(180);
    for (String line : js.output().split("\n")) {
      if (line.startsWith("{")) {
        events.add(new JsonObject(line));
      }
    }
    return outcome;
  }

  private static List<String> peers(NodeProcess node) throws Exception {
    List<String> ids = new ArrayList<>();
    connections(node).forEach(p -> ids.add(p.getString("peerId")));
    return ids;
  }

  private static List<String> connectionIds(NodeProcess node, String peerId) throws Exception {
    return connections(node).stream().filter(p -> peerId.equals(p.getString("peerId")))
        .map(p -> p.getString("connectionId")).toList();
  }

  /** The secured connections {@code ax nodes inspect} of {@code node} lists. */
  private static List<JsonObject> connections(NodeProcess node) throws Exception {
    AxCli.Result result = ax.run("nodes", "inspect", "--json", "--local", node.local());
    List<JsonObject> connections = new ArrayList<>();
    if (result.exitCode() == 0) {
      new JsonObject(result.stdout()).getJsonObject("result").getJsonArray("peers", new JsonArray())
          .forEach(p -> connections.add((JsonObject) p));
    }
    return connections;
  }

  /** Polls a condition another process makes true, every 250 ms until {@code limit}. */
  private static void awaitTrue(String what, Duration limit, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
      }
      CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)).join();
    }
  }
}
