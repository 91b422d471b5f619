package dev.axnode.deploy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node against js-libp2p from npm, both directions: pnet + Noise + yamux, identify, ping, perf. */
class JsInteropIT {

  private static final long TEN_MIB = 10L << 20;

  @TempDir
  static Path dir;
  private static NodeProcess node;
  private static AxCli ax;
  private static Path keyFile;

  @BeforeAll
  static void start() throws Exception {
    ax = new AxCli(dir.resolve("config"));
    node = NodeProcess.start(dir.resolve("node"));
    String key = ax.run("swarms", "keygen").stdout().strip();
    keyFile = Files.writeString(dir.resolve("swarm.key"), key);  // js reads ax's key file as it is
    assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", node.local()).exitCode());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void jsDialsTheNode() throws Exception {
    try (JsPeer js = JsPeer.run("dial", node.swarmAddress(), "--psk", keyFile.toString(), "--ping", "3",
        "--perf-upload", String.valueOf(TEN_MIB), "--perf-download", String.valueOf(TEN_MIB), "--timeout-ms", "20000")) {
      JsonObject identify = js.await("identify", 30);
      assertTrue(identify.getString("agentVersion").startsWith("ax-node/"), identify.encode());
      assertEquals(node.nodeId(), identify.getString("peerId"));
      JsonArray protocols = identify.getJsonArray("protocols");
      assertTrue(protocols.contains("/ipfs/ping/1.0.0") && protocols.contains("/perf/1.0.0"), identify.encode());
      js.await("ping", 20);
      JsonObject perf = js.await("perf", 120);
      assertEquals(TEN_MIB, perf.getLong("uploadBytes"));
      assertEquals(TEN_MIB, perf.getLong("downloadBytes"));
      js.await("done", 20);
    }
  }

  @Test
  void theNodeDialsJs() throws Exception {
    try (JsPeer js = JsPeer.run("listen", "--port", "0", "--psk", keyFile.toString())) {
      JsonObject listening = js.await("listening", 30);
      String address = listening.getJsonArray("addrs").stream().map(String::valueOf)
          .filter(a -> a.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
      AxCli.Result perf = ax.run("swarms", "perf", address, "--upload", "10MiB", "--download", "10MiB", "--json",
          "--local", node.local());
      assertEquals(0, perf.exitCode(), perf + "\n" + js.output());
      JsonObject result = new JsonObject(perf.stdout()).getJsonObject("result");
      assertEquals(TEN_MIB, result.getLong("uploadBytes"));
      assertEquals(TEN_MIB, result.getLong("downloadBytes"));
      JsonObject identify = js.await("identify", 30);
      assertTrue(identify.getString("agentVersion").startsWith("ax-node/"), identify.encode());
      Eventually.await("the node lists the js peer with its agent and a ping RTT", java.time.Duration.ofSeconds(30), () -> {
        String inspect = ax.run("nodes", "inspect", "--json", "--local", node.local()).stdout();
        return inspect.contains(listening.getString("peerId")) && inspect.contains("js-libp2p/")
            && inspect.contains("rttMillis\":");
      });
    }
  }

  @Test
  void aWrongKeyOrNoPnetNeverConnectsAndTheNodeKeepsServing() throws Exception {
    Path otherKey = dir.resolve("other.key");
    try (JsPeer keygen = JsPeer.run("keygen", "--out", otherKey.toString())) {
      keygen.outcome(30);
    }
    // Refused handshakes are logged without flooding: the first of a quiet period at once ("not a
    // libp2p connection …; does the peer use another swarm key?", or "closed during the handshake"
    // when js resets before its header arrives), the rest summed up when the 10 s period ends.
    int refusalsBefore = count(node.logText(), "swarm handshakes failed: ");
    try (JsPeer wrong = JsPeer.run("dial", node.swarmAddress(), "--psk", otherKey.toString(), "--timeout-ms", "15000")) {
      assertEquals("error", wrong.outcome(40).getString("event"), wrong.output());
    }
    try (JsPeer plain = JsPeer.run("dial", node.swarmAddress(), "--timeout-ms", "15000")) {
      assertEquals("error", plain.outcome(40).getString("event"), plain.output());
    }
    try {
      Eventually.await("the node logs the refused connections", java.time.Duration.ofSeconds(15),
          () -> count(node.logText(), "swarm handshakes failed: ") > refusalsBefore);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + node.logText(), e);
    }
    try (JsPeer good = JsPeer.run("dial", node.swarmAddress(), "--psk", keyFile.toString(), "--ping", "1")) {
      assertEquals("done", good.outcome(40).getString("event"), good.output());
    }
  }

  @Test
  void theNodeRefusesAWrongKeyAtOnceAsListener() throws Exception {
    Path otherKey = dir.resolve("other2.key");
    Files.writeString(otherKey, ax.run("swarms", "keygen").stdout().strip());
    long started = System.nanoTime();
    try (JsPeer wrong = JsPeer.run("dial", node.swarmAddress(), "--psk", otherKey.toString(), "--timeout-ms", "15000")) {
      wrong.outcome(40);
    }
    Eventually.await("refusal logged", java.time.Duration.ofSeconds(5),
        () -> node.logText().contains("does the peer use another swarm key?"));
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertTrue(!node.logText().contains("handshake timed out"), "the node waited for a timeout instead of refusing");
    assertTrue(seconds < 20, "took " + seconds + " s");
  }

  private static int count(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }
}
