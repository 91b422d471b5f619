package dev.axnode.deploy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swapping the psk and handshake verticles while a transfer runs: the established
 * connection drains on the old instances and the transfer completes; new connections use
 * the new ones. Plus the limit on pending handshakes.
 */
class SwarmSwapIT {

  @TempDir
  Path dir;

  @Test
  void swappingPskAndHandshakeKeepsARunningTransferAlive() throws Exception {
    AxCli ax = new AxCli(dir.resolve("config"));
    String key = ax.run("swarms", "keygen").stdout().strip();
    try (NodeProcess a = NodeProcess.start(dir.resolve("a")); NodeProcess b = NodeProcess.start(dir.resolve("b"))) {
      for (NodeProcess node : List.of(a, b)) {
        assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", node.local()).exitCode());
      }
      CompletableFuture<AxCli.Result> transfer = CompletableFuture.supplyAsync(() -> {
        try {
          return ax.run("swarms", "perf", b.swarmAddress(), "--download", "400MiB", "--json", "--local", a.local());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Eventually.await("the transfer's connection is up", java.time.Duration.ofSeconds(30),
          () -> a.logText().contains("secured: peer " + b.nodeId()));
      for (String verticle : List.of("psk", "handshake")) {
        for (NodeProcess node : List.of(a, b)) {
          AxCli.Result swap = ax.run("verticles", "swap", verticle, "--local", node.local());
          assertEquals(0, swap.exitCode(), swap::toString);
        }
      }
      AxCli.Result result = transfer.get(300, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(0, result.exitCode(), result + "\n" + a.logText());
      assertEquals(400L << 20, new JsonObject(result.stdout()).getJsonObject("result").getLong("downloadBytes"));
      assertTrue(!transfer.isCompletedExceptionally());

      try (NodeProcess c = NodeProcess.start(dir.resolve("c"))) {
        assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", c.local()).exitCode());
        AxCli.Result fresh = ax.run("swarms", "perf", c.swarmAddress(), "--download", "1MiB", "--local", a.local());
        assertEquals(0, fresh.exitCode(), fresh::toString);
      }
    }
  }

  @Test
  void pendingHandshakesAreLimited() throws Exception {
    Path config = dir.resolve("node.json");
    String defaults = new String(getClass().getResourceAsStream("/ax-node-default.json").readAllBytes());
    JsonObject json = new JsonObject(defaults);
    json.getJsonArray("verticles").forEach(v -> {
      JsonObject verticle = (JsonObject) v;
      if (verticle.getString("name").equals("handshake")) {
        verticle.put("config", new JsonObject().put("maxPendingHandshakes", 2).put("handshakeTimeoutMs", 30_000));
      }
    });
    Files.writeString(config, json.encode());
    try (NodeProcess node = NodeProcess.start(dir.resolve("data"), "--config", config.toString())) {
      int port = Integer.parseInt(node.swarmAddress().split("/")[4]);
      List<Socket> silent = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket socket = new Socket();
          socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
          socket.setSoTimeout(3_000);
          silent.add(socket);
          Eventually.await("connection " + i + " reached the handshake", java.time.Duration.ofSeconds(10),
              () -> readsNonceOrEnd(socket));
        }
        assertTrue(stillOpen(silent.get(0)) && stillOpen(silent.get(1)), "the first two handshakes wait");
        assertTrue(!stillOpen(silent.get(2)) && !stillOpen(silent.get(3)), "the third and fourth are refused");
      } finally {
        for (Socket socket : silent) {
          socket.close();
        }
      }
    }
  }

  /** True once the node's 24-byte pnet nonce (or the end of the stream) has arrived. */
  private static boolean readsNonceOrEnd(Socket socket) throws Exception {
    InputStream in = socket.getInputStream();
    byte[] nonce = in.readNBytes(24);
    return nonce.length <= 24;
  }

  private static boolean stillOpen(Socket socket) throws Exception {
    try {
      socket.setSoTimeout(1_000);
      return socket.getInputStream().read() != -1;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (java.net.SocketException e) {
      return false;
    }
  }
}
