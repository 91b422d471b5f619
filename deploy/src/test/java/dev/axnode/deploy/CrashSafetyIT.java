package dev.axnode.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 the node in the middle of a stream of settings writes, many times: it always
 * restarts with valid settings, the same node ID, and no temporary files left to confuse it.
 */
class CrashSafetyIT {

  private static final int ROUNDS = 8;

  @Test
  void killDuringWritesNeverLosesTheIdentityOrBreaksTheSettings(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    AxCli ax = new AxCli(dir.resolve("config"));
    Random random = new Random(7);
    Vertx vertx = Vertx.vertx();
    String firstId = null;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        NodeProcess node = NodeProcess.start(data);
        if (firstId == null) {
          firstId = node.nodeId();
        }
        assertEquals(firstId, node.nodeId(), "node ID changed after a crash in round " + round);
        checkSettingsReadable(ax, node);

        SettingsLoad load = new SettingsLoad(vertx, node.httpPort());
        load.startWriter("com.actyx.os/general/displayName", "crash" + round);
        load.startWriter("com.actyx.os/services/eventService/topic", "topic" + round);
        vertx.timer(150 + random.nextInt(350)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        node.kill9();
        load.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(load.requests.get() > 0, "no writes were attempted");
      }
      try (NodeProcess node = NodeProcess.start(data)) {
        assertEquals(firstId, node.nodeId());
        checkSettingsReadable(ax, node);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.list(data)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
    }
  }

  private static void checkSettingsReadable(AxCli ax, NodeProcess node) throws Exception {
    AxCli.Result result = ax.run("settings", "get", "com.actyx.os", "--json", "--local", node.local());
    assertEquals(0, result.exitCode(), result::toString);
    JsonObject general = new JsonObject(result.stdout()).getJsonObject("result").getJsonObject("general");
    String name = general.getString("displayName");
    assertTrue(name.equals("Default Node") || name.matches("crash\\d+-\\d+"), name);
  }
}
