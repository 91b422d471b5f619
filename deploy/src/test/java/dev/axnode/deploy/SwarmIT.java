package dev.axnode.deploy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real node processes forming private swarms through bootstrapNodes: they find each other,
 * a node with another key never joins, and a killed node is reconnected after its restart.
 */
class SwarmIT {

  @TempDir
  Path dir;

  private AxCli ax() {
    return new AxCli(dir.resolve("config"));
  }

  private NodeProcess node(String name, String swarmKey, String... bootstrap) throws Exception {
    NodeProcess node = NodeProcess.start(dir.resolve(name));
    configure(node, swarmKey, bootstrap);
    return node;
  }

  private void configure(NodeProcess node, String swarmKey, String... bootstrap) throws Exception {
    AxCli.Result key = ax().run("settings", "set", "com.actyx.os/general/swarmKey", swarmKey, "--local", node.local());
    assertEquals(0, key.exitCode(), key::toString);
    if (bootstrap.length > 0) {
      AxCli.Result set = ax().run("settings", "set", "com.actyx.os/general/bootstrapNodes",
          new JsonArray(List.of((Object[]) bootstrap)).encode(), "--local", node.local());
      assertEquals(0, set.exitCode(), set::toString);
    }
  }

  private String newKey() throws Exception {
    return ax().run("swarms", "keygen").stdout().strip();
  }

  private List<String> peers(NodeProcess node) throws Exception {
    List<String> ids = new ArrayList<>();
    connections(node).forEach(p -> ids.add(p.getString("peerId")));
    return ids;
  }

  /** The secured connections {@code ax nodes inspect} lists: peerId, connectionId, … */
  private List<JsonObject> connections(NodeProcess node) throws Exception {
    AxCli.Result result = ax().run("nodes", "inspect", "--json", "--local", node.local());
    List<JsonObject> connections = new ArrayList<>();
    if (result.exitCode() == 0) {
      new JsonObject(result.stdout()).getJsonObject("result").getJsonArray("peers", new JsonArray())
          .forEach(p -> connections.add((JsonObject) p));
    }
    return connections;
  }

  @Test
  void threeNodesFormASwarmAndAStrangerNeverJoins() throws Exception {
    String key = newKey();
    try (NodeProcess a = node("a", key)) {
      String aAddr = a.swarmAddress();
      try (NodeProcess b = node("b", key, aAddr);
           NodeProcess c = node("c", key, aAddr);
           NodeProcess stranger = node("stranger", newKey(), aAddr)) {
        Eventually.await("A lists B and C", Duration.ofSeconds(30),
            () -> peers(a).containsAll(List.of(b.nodeId(), c.nodeId())));
        assertTrue(peers(b).contains(a.nodeId()));
        Eventually.await("A refused the stranger", Duration.ofSeconds(30),
            () -> a.logText().contains("does the peer use another swarm key?"));
        assertTrue(!peers(a).contains(stranger.nodeId()), "a node with another key joined");
        assertTrue(peers(stranger).isEmpty());

        String inspect = ax().run("nodes", "inspect", "--local", a.local()).stdout();
        assertTrue(inspect.contains(b.nodeId()) && inspect.contains(" ms"), inspect);
      }
    }
  }

  @Test
  void aKilledNodeIsReconnectedAfterItsRestart() throws Exception {
    String key = newKey();
    try (NodeProcess a = node("a", key)) {
      NodeProcess b = node("b", key, a.swarmAddress());
      String bId = b.nodeId();
      Eventually.await("A lists B", Duration.ofSeconds(30), () -> peers(a).contains(bId));
      b.kill9();
      Eventually.await("A drops the killed B", Duration.ofSeconds(30), () -> !peers(a).contains(bId));
      try (NodeProcess restarted = NodeProcess.start(dir.resolve("b"))) {
        assertEquals(bId, restarted.nodeId());
        Eventually.await("B reconnects to A after its restart", Duration.ofSeconds(30),
            () -> peers(a).contains(bId) && peers(restarted).contains(a.nodeId()));
      }
    }
  }

  @Test
  void aChangedKeyClosesExistingConnectionsAndKeepsTheOldKeyOut() throws Exception {
    String key = newKey();
    try (NodeProcess a = node("a", key); NodeProcess b = node("b", key, a.swarmAddress())) {
      Eventually.await("A lists B", Duration.ofSeconds(30), () -> peers(a).contains(b.nodeId()));
      configure(a, newKey());
      Eventually.await("A dropped B after the key change", Duration.ofSeconds(30), () -> !peers(a).contains(b.nodeId()));
      assertTrue(a.logText().contains("swarm key changed: closing 1 connection(s) made with the old key"), a.logText());
      Eventually.await("B's redials with the old key are refused", Duration.ofSeconds(30),
          () -> a.logText().contains("does the peer use another swarm key?"));
      assertTrue(!peers(a).contains(b.nodeId()));
    }
  }

  @Test
  void connectionsPerPeerAreLimited() throws Exception {
    Path config = dir.resolve("limited.json");
    JsonObject json = new JsonObject(new String(getClass().getResourceAsStream("/ax-node-default.json").readAllBytes()));
    json.getJsonArray("verticles").forEach(v -> {
      JsonObject verticle = (JsonObject) v;
      if (verticle.getString("name").equals("handshake")) {
        verticle.put("config", new JsonObject().put("maxConnectionsPerPeer", 1));
      }
    });
    java.nio.file.Files.writeString(config, json.encode());
    String key = newKey();
    try (NodeProcess a = NodeProcess.start(dir.resolve("a"), "--config", config.toString())) {
      configure(a, key);
      String viaDns = a.swarmAddress().replace("/ip4/127.0.0.1/", "/dns4/localhost/");
      try (NodeProcess b = node("b", key, a.swarmAddress(), viaDns)) {
        Eventually.await("A refuses B's second connection", Duration.ofSeconds(30),
            () -> a.logText().contains("too many connections (1) with " + b.nodeId()));
        assertEquals(1, peers(a).stream().filter(b.nodeId()::equals).count());
      }
    }
  }

  @Test
  void perfBetweenTwoNodes() throws Exception {
    String key = newKey();
    try (NodeProcess a = node("a", key); NodeProcess b = node("b", key)) {
      perf10MiBEachWay(a, b);
    }
  }

  /** {@code ax swarms perf} from {@code from} against {@code to}: 10 MiB up and 10 MiB down arrive. */
  private void perf10MiBEachWay(NodeProcess from, NodeProcess to) throws Exception {
    AxCli.Result perf = ax().run("swarms", "perf", to.swarmAddress(), "--upload", "10MiB", "--download", "10MiB",
        "--json", "--local", from.local());
    assertEquals(0, perf.exitCode(), perf::toString);
    JsonObject result = new JsonObject(perf.stdout()).getJsonObject("result");
    assertEquals(10L << 20, result.getLong("uploadBytes"));
    assertEquals(10L << 20, result.getLong("downloadBytes"));
    assertEquals(to.nodeId(), result.getString("peerId"));
  }

  /**
   * The libsodium ciphers and the pure-Java ones are the same on the wire: a node with
   * libsodium turned off and a node with it (where this machine has libsodium) exchange
   * 10 MiB each way through pnet and Noise.
   */
  @Test
  void pureJavaAndLibsodiumCiphersInteroperate() throws Exception {
    String key = newKey();
    try (NodeProcess pureJava = NodeProcess.startWithJvmOptions(dir.resolve("a"), List.of("-Dax.sodium=false"));
        NodeProcess b = node("b", key)) {
      configure(pureJava, key);
      assertTrue(pureJava.logText().contains("pnet cipher: pure-Java XSalsa20"), pureJava::logText);
      perf10MiBEachWay(pureJava, b);
      assumeTrue(b.logText().contains("pnet cipher: XSalsa20 on libsodium"),
          "libsodium is not installed here, so both nodes ran pure Java: " + b.logText());
    }
  }

  @Test
  void setupsUseConnectionsOfTheirOwnAndLeaveNoneBehind() throws Exception {
    String key = newKey();
    try (NodeProcess a = node("a", key); NodeProcess b = node("b", key, a.swarmAddress())) {
      Eventually.await("A lists B", Duration.ofSeconds(30), () -> peers(a).contains(b.nodeId()));
      Eventually.await("B lists A", Duration.ofSeconds(30), () -> peers(b).contains(a.nodeId()));
      List<JsonObject> bootstrap = connections(b);
      assertEquals(1, bootstrap.size(), bootstrap::toString);

      AxCli.Result setups = ax().run("swarms", "setups", a.swarmAddress(), "--seconds", "2", "--json",
          "--local", b.local());
      assertEquals(0, setups.exitCode(), setups::toString);
      JsonObject result = new JsonObject(setups.stdout()).getJsonObject("result");
      assertTrue(result.getLong("count") > 0, result::encode);
      assertEquals(0, result.getInteger("failures"), result::encode);
      assertEquals(a.nodeId(), result.getString("peerId"));
      assertTrue(result.getDouble("perSecond") > 0 && result.getDouble("medianMs") > 0, result::encode);

      List<String> after = connections(b).stream().map(c -> c.getString("connectionId")).toList();
      assertEquals(List.of(bootstrap.get(0).getString("connectionId")), after,
          "B keeps exactly its bootstrap connection");
      Eventually.await("A is back to B's bootstrap connection alone", Duration.ofSeconds(10),
          () -> connections(a).size() == 1);
      AxCli.Result unknownPeer = ax().run("swarms", "setups", a.swarmAddress().replaceAll("/p2p/.*", ""),
          "--seconds", "1", "--local", b.local());
      assertEquals(1, unknownPeer.exitCode(), unknownPeer::toString);
      assertTrue(unknownPeer.stderr().startsWith("[ERR_INVALID_INPUT]"), unknownPeer::toString);
    }
  }
}
