package dev.axnode.deploy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swapping the psk and handshake verticles while a transfer runs: the established
 * connection drains on the old instances and the transfer completes; new connections use
 * the new ones. (The budget of pending handshakes is tested by SwarmBudgetIT.)
 */
class SwarmSwapIT {

  @TempDir
  Path dir;

  @Test
  void swappingPskAndHandshakeKeepsARunningTransferAlive() throws Exception {
    AxCli ax = new AxCli(dir.resolve("config"));
    String key = ax.run("swarms", "keygen").stdout().strip();
    // The old instances keep the transfer for at most drainTimeoutMs (5 s by default, what a
    // SIGTERM needs); a transfer that outlives a swap needs a longer one.
    Path config = dir.resolve("node.json");
    JsonObject json = new JsonObject(new String(getClass().getResourceAsStream("/ax-node-default.json").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8));
    json.getJsonArray("verticles").forEach(v -> {
      JsonObject verticle = (JsonObject) v;
      if (List.of("psk", "handshake").contains(verticle.getString("name"))) {
        verticle.put("config", new JsonObject().put("drainTimeoutMs", 600_000));
      }
    });
    java.nio.file.Files.writeString(config, json.encode());
    try (NodeProcess a = NodeProcess.start(dir.resolve("a"), "--config", config.toString());
         NodeProcess b = NodeProcess.start(dir.resolve("b"), "--config", config.toString())) {
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
}
