package dev.axnode.deploy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refusal and shutdown leak nothing: thousands of wrong-key connections and connections that
 * end at random points leave no entry in any swarm layer, a swap of the transport then
 * finishes, and SIGTERM stops the node within 10 s, also while it serves live peers.
 */
class RefusalLeakIT {

  private static final int CONNECTIONS = Integer.getInteger("refusalLeak.connections", 2_000);
  private static final int CLIENTS = 32;
  private static final Duration ATTACK_LIMIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void thousandsOfRefusedConnectionsLeaveNothingBehind() throws Exception {
    AxCli ax = new AxCli(dir.resolve("config"));
    String key = ax.run("swarms", "keygen").stdout().strip();
    try (NodeProcess node = NodeProcess.start(dir.resolve("node"))) {
      assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", node.local()).exitCode());
      long started = System.nanoTime();
      int made = attack(node.swarmPort());
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(made >= CONNECTIONS / 2, "only " + made + " of " + CONNECTIONS + " connections were made");

      AtomicReference<JsonObject> last = new AtomicReference<>();
      Eventually.await("every layer's counts back to 0 after " + made + " connections in " + tookMs + " ms (last: "
          + last + ")", Duration.ofSeconds(30), () -> {
            last.set(SwarmLayers.of(node));
            return SwarmLayers.allZero(last.get());
          });

      AxCli.Result swap = ax.run("verticles", "swap", "transport", "--local", node.local());
      assertEquals(0, swap.exitCode(), swap::toString);
      Eventually.await("the old transport finished draining", Duration.ofSeconds(15),
          () -> !ax.run("verticles", "ls", "--json", "--local", node.local()).stdout().contains("DRAINING"));

      long stopping = System.nanoTime();
      node.terminate();
      node.waitForExit(10);
      long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
      assertTrue(stopMs < 10_000, "SIGTERM took " + stopMs + " ms");
    }
  }

  @Test
  void aNodeWithLivePeersStopsOnSigtermWithinTenSeconds() throws Exception {
    AxCli ax = new AxCli(dir.resolve("config"));
    String key = ax.run("swarms", "keygen").stdout().strip();
    try (NodeProcess a = NodeProcess.start(dir.resolve("a")); NodeProcess b = NodeProcess.start(dir.resolve("b"))) {
      for (NodeProcess node : List.of(a, b)) {
        assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", node.local()).exitCode());
      }
      assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/bootstrapNodes",
          "[\"" + b.swarmAddress() + "\"]", "--local", a.local()).exitCode());
      Eventually.await("A and B connected", Duration.ofSeconds(30),
          () -> a.logText().contains("secured: peer " + b.nodeId()));
      long stopping = System.nanoTime();
      a.terminate();
      a.waitForExit(10);
      long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
      assertTrue(stopMs < 10_000, "SIGTERM took " + stopMs + " ms");
    }
  }

  /**
   * {@link #CONNECTIONS} connections from {@link #CLIENTS} threads: two thirds speak pnet with
   * a wrong key (a random nonce, then bytes that decrypt to garbage), the rest close after a
   * random number of bytes, some before the nonce is complete. Returns how many connected.
   */
  private static int attack(int port) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long deadline = System.nanoTime() + ATTACK_LIMIT.toNanos();
    try {
      List<Future<Integer>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> {
          Random random = new Random(client);
          int made = 0;
          for (int i = client; i < CONNECTIONS && System.nanoTime() < deadline; i += CLIENTS) {
            made += oneConnection(port, random, i % 3 != 2) ? 1 : 0;
          }
          return made;
        }));
      }
      int made = 0;
      for (Future<Integer> client : clients) {
        made += client.get(ATTACK_LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
      }
      return made;
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean oneConnection(int port, Random random, boolean wrongKey) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      byte[] bytes = new byte[wrongKey ? 24 + 64 + random.nextInt(200) : random.nextInt(60)];
      random.nextBytes(bytes);
      out.write(bytes);
      out.flush();
      if (wrongKey) {
        drain(socket.getInputStream());
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads until the node closes the connection (it refuses a wrong key at the first bad bytes). */
  private static void drain(InputStream in) throws IOException {
    byte[] sink = new byte[4096];
    while (in.read(sink) >= 0) {
      // the node's nonce and whatever else it sends before it closes
    }
  }
}
