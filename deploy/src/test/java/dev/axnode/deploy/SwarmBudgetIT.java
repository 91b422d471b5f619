package dev.axnode.deploy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The swarm port's budget: idle sockets from one host (128 and more, as an attacker renewing
 * them would hold) cannot lock a peer out; they hold at most that host's pending slots, and
 * a legitimate peer from another address still sets up connections within a second.
 */
class SwarmBudgetIT {

  private static final int IDLE = 140;

  @TempDir
  Path dir;

  @Test
  void idleSocketsFromOneHostDoNotLockOutAPeer() throws Exception {
    AxCli ax = new AxCli(dir.resolve("config"));
    String key = ax.run("swarms", "keygen").stdout().strip();
    List<Socket> idle = new ArrayList<>();
    try (NodeProcess a = NodeProcess.start(dir.resolve("a")); NodeProcess b = NodeProcess.start(dir.resolve("b"))) {
      for (NodeProcess node : List.of(a, b)) {
        assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", node.local()).exitCode());
      }
      // A first round warms both JVMs up (class loading, JIT), so the measured rounds time the attack, not that.
      AxCli.Result warmUp = ax.run("swarms", "setups", a.swarmAddress(), "--seconds", "2", "--local", b.local());
      assertEquals(0, warmUp.exitCode(), warmUp::toString);
      for (int i = 0; i < IDLE; i++) {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress("127.0.0.2", 0));
        socket.connect(new InetSocketAddress("127.0.0.1", a.swarmPort()), 5_000);
        idle.add(socket);
      }
      Eventually.await("A counts the idle sockets' pending slots", java.time.Duration.ofSeconds(10),
          () -> SwarmLayers.of(a).getJsonObject("transport").getInteger("pending") > 0);
      JsonObject transport = SwarmLayers.of(a).getJsonObject("transport");
      assertTrue(transport.getInteger("pending") <= 16, "one host holds more than its 16 pending slots: " + transport);

      AxCli.Result setups = ax.run("swarms", "setups", a.swarmAddress(), "--seconds", "2", "--json", "--local", b.local());
      assertEquals(0, setups.exitCode(), setups::toString);
      JsonObject figures = new JsonObject(setups.stdout()).getJsonObject("result");
      assertEquals(0, figures.getInteger("failures"), figures::encode);
      assertTrue(figures.getInteger("count") >= 1, figures::encode);
      assertTrue(figures.getDouble("p90Ms") < 1_000, "setups took too long during the attack: " + figures.encode());
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
    }
  }
}
