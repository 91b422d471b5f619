package dev.axnode.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libp2p TLS ({@code /tls/1.0.0}) on the swarm, under pnet: the node against js-libp2p's
 * {@code @libp2p/tls} both ways (identify, ping, 10 MiB perf each way), and node to node.
 * Node A keeps the default order (Noise first), node B offers TLS first.
 */
class TlsInteropIT {

  private static final long TEN_MIB = 10L << 20;

  @TempDir
  static Path dir;
  private static NodeProcess a;
  private static NodeProcess b;
  private static AxCli ax;
  private static Path keyFile;

  @BeforeAll
  static void start() throws Exception {
    ax = new AxCli(dir.resolve("config"));
    a = NodeProcess.start(dir.resolve("a"));
    b = NodeProcess.start(dir.resolve("b"), "--config", tlsFirstConfig().toString());
    String key = ax.run("swarms", "keygen").stdout().strip();
    keyFile = Files.writeString(dir.resolve("swarm.key"), key);
    for (NodeProcess node : List.of(a, b)) {
      assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", node.local()).exitCode());
    }
  }

  /** The built-in configuration with the handshake verticle offering TLS before Noise. */
  private static Path tlsFirstConfig() throws Exception {
    JsonObject json = new JsonObject(new String(TlsInteropIT.class.getResourceAsStream("/ax-node-default.json")
        .readAllBytes(), StandardCharsets.UTF_8));
    json.getJsonArray("verticles").forEach(v -> {
      JsonObject verticle = (JsonObject) v;
      if (verticle.getString("name").equals("handshake")) {
        verticle.put("config", new JsonObject().put("securityProtocols", new JsonArray().add("/tls/1.0.0").add("/noise")));
      }
    });
    return Files.writeString(dir.resolve("tls-first.json"), json.encode());
  }

  @AfterAll
  static void stop() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void theNodeLogsItsTlsEngine() {
    assertTrue(a.logText().contains("libp2p TLS engine: BoringSSL"), a.logText());
  }

  @Test
  void jsDialsTheNodeOverTls() throws Exception {
    try (JsPeer js = JsPeer.run("dial", a.swarmAddress(), "--psk", keyFile.toString(), "--security", "tls",
        "--ping", "3", "--perf-upload", String.valueOf(TEN_MIB), "--perf-download", String.valueOf(TEN_MIB),
        "--timeout-ms", "20000")) {
      JsonObject connected = js.await("connected", 30);
      assertEquals("/tls/1.0.0", connected.getString("encryption"), connected.encode());
      JsonObject identify = js.await("identify", 30);
      assertTrue(identify.getString("agentVersion").startsWith("ax-node/"), identify.encode());
      assertEquals(a.nodeId(), identify.getString("peerId"));
      js.await("ping", 20);
      JsonObject perf = js.await("perf", 120);
      assertEquals(TEN_MIB, perf.getLong("uploadBytes"));
      assertEquals(TEN_MIB, perf.getLong("downloadBytes"));
      js.await("done", 20);
    }
    assertTrue(a.logText().contains("over /tls/1.0.0"), a.logText());
  }

  /** Node A proposes /noise first; js offers only TLS, answers na, and A goes on to /tls/1.0.0. */
  @Test
  void theNodeDialsJsOverTls() throws Exception {
    try (JsPeer js = JsPeer.run("listen", "--port", "0", "--psk", keyFile.toString(), "--security", "tls")) {
      JsonObject listening = js.await("listening", 30);
      String address = listening.getJsonArray("addrs").stream().map(String::valueOf)
          .filter(addr -> addr.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
      AxCli.Result perf = ax.run("swarms", "perf", address, "--upload", "10MiB", "--download", "10MiB", "--json",
          "--local", a.local());
      assertEquals(0, perf.exitCode(), perf + "\n" + js.output());
      JsonObject result = new JsonObject(perf.stdout()).getJsonObject("result");
      assertEquals(TEN_MIB, result.getLong("uploadBytes"));
      assertEquals(TEN_MIB, result.getLong("downloadBytes"));
      JsonObject connection = js.await("connection", 30);
      assertEquals("/tls/1.0.0", connection.getString("encryption"), connection.encode());
      JsonObject identify = js.await("identify", 30);
      assertTrue(identify.getString("agentVersion").startsWith("ax-node/"), identify.encode());
      Eventually.await("the node lists the js peer with a ping RTT", Duration.ofSeconds(30), () -> {
        String inspect = ax.run("nodes", "inspect", "--json", "--local", a.local()).stdout();
        return inspect.contains(listening.getString("peerId")) && inspect.contains("rttMillis\":");
      });
    }
  }

  @Test
  void nodeToNodeOverTls() throws Exception {
    AxCli.Result perf = ax.run("swarms", "perf", a.swarmAddress(), "--upload", "10MiB",
        "--download", "10MiB", "--json", "--local", b.local());
    assertEquals(0, perf.exitCode(), perf + "\n" + b.logText());
    JsonObject result = new JsonObject(perf.stdout()).getJsonObject("result");
    assertEquals(TEN_MIB, result.getLong("downloadBytes"));
    assertEquals(TEN_MIB, result.getLong("uploadBytes"));
    Eventually.await("B secured its connection to A over TLS", Duration.ofSeconds(10),
        () -> b.logText().contains("secured: peer " + a.nodeId() + " over /tls/1.0.0"));
  }

  /** A dial naming another peer ID than the one behind the address is refused by the TLS check. */
  @Test
  void aDialToTheWrongPeerIdIsRefused() throws Exception {
    String other = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";  // the peer-ID spec's test vector
    AxCli.Result perf = ax.run("swarms", "perf", "/ip4/127.0.0.1/tcp/" + a.swarmPort() + "/p2p/" + other,
        "--download", "1MiB", "--json", "--local", b.local());
    assertTrue(perf.exitCode() != 0, perf.toString());
    String why = "tls: peer is " + a.nodeId() + ", not the dialed " + other;
    assertTrue(perf.toString().contains(why) || b.logText().contains(why), perf + "\n" + b.logText());
  }
}
