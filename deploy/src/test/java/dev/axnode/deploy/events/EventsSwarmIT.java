package dev.axnode.deploy.events;

import dev.axnode.deploy.AxCli;
import dev.axnode.deploy.NodeProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.axnode.deploy.events.EventChecks.awaitHeld;
import static dev.axnode.deploy.events.EventChecks.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real node processes replicating their event streams over a private swarm, read by an app
 * over the event API (HTTP): live delivery through a chain, catch-up of a late node and of a
 * restarted one, and the nodes that must get nothing (another swarm key, another topic).
 */
class EventsSwarmIT {

  private static final String ORDERS = "com.example.orders";
  private static final String TOPIC = "com.actyx.os/services/eventService/topic";
  private static final Duration LIVE = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  /**
   * A — B — C (C knows only B): C, which joins the swarm only after A published 5,000 events,
   * catches up through B; a subscriber on C sees A's next event live; B stopped while A
   * publishes, restarted, catches up and passes it on to C; all three show the same events.
   */
  @Test
  void aChainReplicatesLiveCatchesUpAndSurvivesARestart() throws Exception {
    try (Swarm swarm = new Swarm(dir)) {
      String key = swarm.newKey();
      // C starts beside A and B (starts are slow here) but gets the key only after the publish
      List<NodeProcess> nodes = swarm.startAll("a", "b", "c");
      NodeProcess a = nodes.get(0);
      NodeProcess b = nodes.get(1);
      NodeProcess c = nodes.get(2);
      swarm.join(a, key);
      swarm.join(b, key, a);
      Swarm.awaitConnected(a, b);
      EventChecks.publishMany(a, ORDERS, "bulk", 0, 5_000, 100);
      long joined = System.nanoTime();
      swarm.join(c, key, b);
      awaitHeld(c, a.nodeId(), 4_999);
      // a figure for the record, not asserted: it includes the dial and the 200 ms polling
      System.out.printf("EVENTS late C caught up 5,000 events through B in %d ms%n",
          (System.nanoTime() - joined) / 1_000_000);
      assertFalse(EventHttp.peers(c).contains(a.nodeId()), "C knows only B");
      EventChecks.sameEverywhere(a, b, c);

      aSubscriberOnCSeesLive(a, c);
      NodeProcess restarted = restartedNodeCatchesUp(swarm, a, b, c);
      List<JsonObject> events = EventChecks.sameEverywhere(a, restarted, c);
      assertEquals(5_301, events.size());
      JsonObject last = events.get(events.size() - 1);
      assertEquals(new JsonObject().put("n", 299).put("tag", "while-b-down"), last.getJsonObject("payload"));
      assertEquals(new JsonObject().put("semantics", ORDERS).put("name", "while-b-down-299")
          .put("source", a.nodeId()), last.getJsonObject("stream"));
    }
  }

  /** A subscriber on C from what C holds now gets A's next event, with A's receipt's stream, offset and lamport. */
  private static void aSubscriberOnCSeesLive(NodeProcess a, NodeProcess c) throws Exception {
    try (Subscription onC = EventHttp.subscribe(c, new JsonObject()
        .put("lowerBound", EventHttp.present(c)).put("filter", new JsonObject().put("semantics", ORDERS)))) {
      JsonObject receipt = EventHttp.published(a, batch(ORDERS, "live", 0, 1)).getJsonObject(0);
      JsonObject seen = onC.next(LIVE);
      assertEquals(receipt.getJsonObject("stream"), seen.getJsonObject("stream"));
      assertEquals(5_000L, seen.getLong("offset"));
      assertEquals(receipt.getLong("lamport"), seen.getLong("lamport"));
      assertEquals(receipt.getLong("timestamp"), seen.getLong("timestamp"));
      assertEquals(new JsonObject().put("n", 0).put("tag", "live"), seen.getJsonObject("payload"));
    }
  }

  /** B stopped (SIGTERM) while A publishes 300 events; restarted, B and then C (through B) hold them. */
  private static NodeProcess restartedNodeCatchesUp(Swarm swarm, NodeProcess a, NodeProcess b, NodeProcess c)
      throws Exception {
    b.close();
    EventChecks.publishMany(a, ORDERS, "while-b-down", 0, 300, 50);
    assertEquals(5_000L, EventHttp.present(c).getLong(a.nodeId()), "C got nothing while its only peer was down");
    NodeProcess restarted = swarm.restart("b", b);
    assertEquals(b.nodeId(), restarted.nodeId());
    awaitHeld(restarted, a.nodeId(), 5_300);
    // C redials B with its backoff (1 s doubling), so this wait may include one backoff period
    awaitHeld(c, a.nodeId(), 5_300);
    return restarted;
  }

  /**
   * A node with another swarm key gets nothing; one on another topic gets nothing and, switched
   * back, gets everything; readOnly refuses publish (HTTP and {@code ax events publish}) while
   * replication into the node continues.
   */
  @Test
  void strangersAndOtherTopicsGetNothingAndReadOnlyStillReplicates() throws Exception {
    try (Swarm swarm = new Swarm(dir)) {
      String key = swarm.newKey();
      List<NodeProcess> nodes = swarm.startAll("a", "stranger", "b");
      NodeProcess a = nodes.get(0);
      NodeProcess stranger = nodes.get(1);
      NodeProcess b = nodes.get(2);
      swarm.join(a, key);
      EventChecks.publishMany(a, ORDERS, "first", 0, 200, 100);
      swarm.join(stranger, swarm.newKey(), a);
      swarm.axOk(b, "settings", "set", TOPIC, "\"elsewhere\"");
      swarm.join(b, key, a);
      strangerAndOtherTopicHoldNothing(a, stranger, b);

      swarm.axOk(b, "settings", "set", TOPIC, "\"default-topic\"");
      awaitHeld(b, a.nodeId(), 299);
      EventChecks.sameEverywhere(a, b);

      readOnlyRefusesPublishAndStillReplicates(swarm, a, b);
      assertEquals(new JsonObject(), EventHttp.present(stranger), "the stranger still holds nothing");
    }
  }

  private static void strangerAndOtherTopicHoldNothing(NodeProcess a, NodeProcess stranger, NodeProcess b)
      throws Exception {
    Swarm.awaitConnected(a, b);
    Poll.await("B refused A's topic", LIVE, () -> b.logText().contains("topic mismatch"));
    Poll.await("A refused the stranger", LIVE, () -> a.logText().contains("does the peer use another swarm key?"));
    // each (re)opened session is refused at HELLO, before any block, as long as the topics differ
    EventChecks.publishMany(a, ORDERS, "second", 0, 100, 100);
    assertEquals(new JsonObject(), EventHttp.present(stranger), "the stranger holds nothing");
    assertFalse(EventHttp.peers(stranger).contains(a.nodeId()));
    JsonObject elsewhere = EventHttp.offsets(b);
    assertEquals("elsewhere", elsewhere.getString("topic"));
    assertEquals(new JsonObject(), elsewhere.getJsonObject("present"), "B on another topic holds nothing");
  }

  private static void readOnlyRefusesPublishAndStillReplicates(Swarm swarm, NodeProcess a, NodeProcess b)
      throws Exception {
    swarm.axOk(b, "settings", "set", "com.actyx.os/services/eventService/readOnly", "true");
    EventHttp.Answer refused = EventHttp.publish(b, batch(ORDERS, "refused", 0, 1));
    assertEquals("ERR_EVENTS_READ_ONLY", refused.json().getString("code"), refused::toString);
    AxCli.Result cli = swarm.axRun(b, "events", "publish", ORDERS, "refused-cli", "{n: 1}");
    assertTrue(cli.exitCode() != 0 && cli.stderr().contains("[ERR_EVENTS_READ_ONLY]"), cli::toString);
    EventChecks.publishMany(a, ORDERS, "third", 0, 50, 50);
    awaitHeld(b, a.nodeId(), 349);
    List<JsonObject> events = EventChecks.sameEverywhere(a, b);
    assertTrue(events.stream().noneMatch(e -> e.getJsonObject("stream").getString("source").equals(b.nodeId())),
        "B published nothing while read-only");
  }
}
