package dev.axnode.deploy.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.deploy.NodeProcess;
import dev.axnode.kernel.keys.SwarmKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: kill -9 of a node in a publish loop, many times. Several HTTP clients publish single
 * events and batches on port 4454; the node is killed when a random number of events has been
 * acknowledged in that round, so the kill lands at a random point of the group commit. After
 * each restart on the same data directory every acknowledged event is there at the offset it was
 * acknowledged with and with its payload, offsets run from 0 without a gap, nothing is stored
 * twice, and the node ID is the same; at the end a fresh peer replicates the whole log.
 */
class EventsCrashIT {

  private static final int ROUNDS = 8;
  private static final int CLIENTS = 4;
  private static final String SEMANTICS = "com.example.crash";

  /** Acknowledged events: "client/seq" → the offset the node answered and the payload sent. */
  private final Map<String, Acked> acked = new ConcurrentHashMap<>();

  private record Acked(long offset, JsonObject payload) {
  }

  @Test
  void everyAcknowledgedEventSurvivesKill9(@TempDir Path dir) throws Exception {
    long seed = new SecureRandom().nextLong();
    Random random = new Random(seed);
    Path data = dir.resolve("a");
    NodeProcess node = NodeProcess.start(data);
    String nodeId = node.nodeId();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        int killAfter = 50 + random.nextInt(1500);
        publishUntilKilled(node, round, killAfter, random.nextLong());
        node = NodeProcess.start(data);
        assertEquals(nodeId, node.nodeId(), "the node ID after restart " + round + " (seed " + seed + ")");
        verifyLog(new CrashHttp(node.eventsPort(), node.httpPort()), nodeId, "after kill " + (round + 1) + " (seed " + seed + ")");
      }
      replicatesToAFreshPeer(node, dir.resolve("b"));
    } finally {
      node.close();
    }
  }

  /** Runs the clients until {@code killAfter} events of this round are acknowledged, then kill -9. */
  private void publishUntilKilled(NodeProcess node, int round, int killAfter, long seed) throws Exception {
    CrashHttp http = new CrashHttp(node.eventsPort(), node.httpPort());
    AtomicInteger ackedThisRound = new AtomicInteger();
    CompletableFuture<Void> enough = new CompletableFuture<>();
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = round * CLIENTS + c;
      Random random = new Random(seed + c);
      clients.add(CompletableFuture.runAsync(() -> publishLoop(http, client, random, () -> {
        if (ackedThisRound.incrementAndGet() >= killAfter) {
          enough.complete(null);
        }
      })));
    }
    enough.get(120, TimeUnit.SECONDS);
    node.kill9();
    CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  /** Publishes one event or a batch of 2..100 at a time until the node goes away. */
  private void publishLoop(CrashHttp http, int client, Random random, Runnable onAck) {
    int seq = 0;
    while (true) {
      int size = random.nextBoolean() ? 1 : 2 + random.nextInt(99);
      JsonArray batch = new JsonArray();
      for (int i = 0; i < size; i++) {
        batch.add(new JsonObject().put("semantics", SEMANTICS).put("name", "client-" + client)
            .put("payload", new JsonObject().put("c", client).put("s", seq + i).put("pad", "x".repeat(random.nextInt(200)))));
      }
      JsonArray answer;
      try {
        answer = http.publish(batch);
      } catch (Exception e) {
        return; // killed: this batch may or may not be stored, it was never acknowledged
      }
      assertEquals(size, answer.size(), "one answer per event published");
      for (int i = 0; i < size; i++) {
        JsonObject payload = batch.getJsonObject(i).getJsonObject("payload");
        acked.put(client + "/" + (seq + i), new Acked(answer.getJsonObject(i).getLong("offset"), payload));
        onAck.run();
      }
      seq += size;
    }
  }

  private List<JsonObject> verifyLog(CrashHttp http, String nodeId, String when) throws Exception {
    List<JsonObject> events = http.query(new JsonObject().put("order", "source")
        .put("filter", new JsonObject().put("source", nodeId)));
    Map<String, Long> seen = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      JsonObject event = events.get(i);
      assertEquals(i, event.getLong("offset"), "offsets contiguous from 0 " + when);
      JsonObject payload = event.getJsonObject("payload");
      Long earlier = seen.put(payload.getInteger("c") + "/" + payload.getInteger("s"), event.getLong("offset"));
      assertEquals(null, earlier, "event " + payload.encode() + " stored twice " + when);
    }
    for (Map.Entry<String, Acked> ack : acked.entrySet()) {
      long offset = ack.getValue().offset();
      assertTrue(offset < events.size(), "acknowledged event " + ack.getKey() + " at " + offset + " lost " + when
          + ": the log has " + events.size() + " events");
      assertEquals(ack.getValue().payload(), events.get((int) offset).getJsonObject("payload"),
          "acknowledged event at offset " + offset + " " + when);
    }
    assertTrue(http.highest(nodeId) == events.size() - 1, "offsets agree with the query " + when);
    return events;
  }

  /** A fresh node with the same swarm key, bootstrapped to the survivor, ends up with the same log. */
  private void replicatesToAFreshPeer(NodeProcess a, Path dataB) throws Exception {
    CrashHttp httpA = new CrashHttp(a.eventsPort(), a.httpPort());
    List<JsonObject> expected = verifyLog(httpA, a.nodeId(), "before replication");
    String key = "\"" + SwarmKey.generate(new SecureRandom()).toSettingValue() + "\"";
    httpA.putSetting("com.actyx.os/general/swarmKey", key);
    try (NodeProcess b = NodeProcess.start(dataB)) {
      CrashHttp httpB = new CrashHttp(b.eventsPort(), b.httpPort());
      httpB.putSetting("com.actyx.os/general/swarmKey", key);
      httpB.putSetting("com.actyx.os/general/bootstrapNodes", new JsonArray().add(a.swarmAddress()).encode());
      long highest = expected.size() - 1;
      CrashHttp.await("the peer holds " + expected.size() + " events of the survivor", Duration.ofSeconds(120),
          () -> httpB.highest(a.nodeId()) == highest);
      List<JsonObject> replicated = httpB.query(new JsonObject().put("order", "source")
          .put("filter", new JsonObject().put("source", a.nodeId())));
      assertEquals(expected, replicated, "the peer's copy of the log");
    }
  }
}
