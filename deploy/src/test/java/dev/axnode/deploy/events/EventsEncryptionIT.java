package dev.axnode.deploy.events;

import dev.axnode.deploy.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static dev.axnode.deploy.events.EventChecks.awaitHeld;
import static dev.axnode.deploy.events.EventChecks.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-stream encryption across real node processes: A creates the key of {@code secret} and
 * grants it to B and D. C, not granted, stores and relays the ciphertext to D (which knows only
 * C) and shows the marker; a rotation that revokes B keeps B from reading what comes after it.
 */
class EventsEncryptionIT {

  private static final String SECRET = "secret";
  private static final Duration READABLE = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void grantedNodesReadUngrantedRelayAndRevokedStopReading() throws Exception {
    try (Swarm swarm = new Swarm(dir)) {
      String key = swarm.newKey();
      List<NodeProcess> nodes = swarm.startAll("a", "b", "c", "d");
      NodeProcess a = nodes.get(0);
      NodeProcess b = nodes.get(1);
      NodeProcess c = nodes.get(2);
      NodeProcess d = nodes.get(3);
      swarm.join(a, key);
      swarm.join(b, key, a);
      swarm.join(c, key, a);
      swarm.join(d, key, c);
      Swarm.awaitConnected(a, b, c);
      Swarm.awaitConnected(d, c);

      createAndGrant(swarm, a, b, d);
      grantedReadUngrantedRelays(a, b, c, d);
      revokedCannotReadAfterRotation(swarm, a, b, c, d);

      assertEquals(new JsonArray().add(1).add(2), keyEpochs(swarm, a).getJsonArray("keyEpochs"));
      assertEquals(2, keyEpochs(swarm, a).getInteger("latest"));
      assertEquals(new JsonArray().add(1), keyEpochs(swarm, b).getJsonArray("keyEpochs"));
      assertEquals(new JsonArray().add(1).add(2), keyEpochs(swarm, d).getJsonArray("keyEpochs"));
      assertTrue(swarm.axOk(a, "events", "keys", "ls").contains(SECRET));
      EventChecks.samePositionsEverywhere(a, b, c, d);
    }
  }

  /** {@code ax events keys create secret} on A, then grants to B and D. */
  private static void createAndGrant(Swarm swarm, NodeProcess a, NodeProcess b, NodeProcess d) throws Exception {
    JsonObject created = result(swarm.axOk(a, "events", "keys", "create", SECRET, "--json"));
    assertEquals(1, created.getInteger("keyEpoch"));
    swarm.axOk(a, "events", "keys", "grant", SECRET, b.nodeId());
    JsonObject toD = result(swarm.axOk(a, "events", "keys", "grant", SECRET, d.nodeId(), "--json"));
    assertEquals(new JsonArray().add(1), toD.getJsonArray("keyEpochs"));
  }

  /** Three secret events from A: B and D (through C) read them; C's subscription and query show the marker. */
  private static void grantedReadUngrantedRelays(NodeProcess a, NodeProcess b, NodeProcess c, NodeProcess d)
      throws Exception {
    try (Subscription onC = EventHttp.subscribe(c, new JsonObject()
        .put("filter", new JsonObject().put("semantics", SECRET)))) {
      EventHttp.published(a, batch(SECRET, "before", 0, 3));
      for (JsonObject seen : onC.next(3, Duration.ofSeconds(30))) {
        assertMarker(seen, 1);
      }
    }
    long held = EventHttp.present(a).getLong(a.nodeId());
    for (NodeProcess node : List.of(b, c, d)) {
      awaitHeld(node, a.nodeId(), held);
    }
    awaitReadable(b, a, 3);
    awaitReadable(d, a, 3);
    assertEquals(Set.of(c.nodeId()), Set.copyOf(EventHttp.peers(d)), "D reads A's events through C alone");
    List<JsonObject> onC = EventChecks.of(c, a.nodeId(), SECRET);
    assertEquals(3, onC.size());
    onC.forEach(event -> assertMarker(event, 1));
  }

  /** A rotates revoking B and publishes two more: D reads all five, B the first three and markers of epoch 2. */
  private static void revokedCannotReadAfterRotation(Swarm swarm, NodeProcess a, NodeProcess b, NodeProcess c,
      NodeProcess d) throws Exception {
    JsonObject rotated = result(swarm.axOk(a, "events", "keys", "rotate", SECRET, "--revoke", b.nodeId(), "--json"));
    assertEquals(2, rotated.getInteger("keyEpoch"));
    assertTrue(rotated.getJsonArray("grantedTo").contains(d.nodeId()), rotated::encode);
    assertFalse(rotated.getJsonArray("grantedTo").contains(b.nodeId()), rotated::encode);
    EventHttp.published(a, batch(SECRET, "after", 3, 2));
    long held = EventHttp.present(a).getLong(a.nodeId());
    for (NodeProcess node : List.of(b, c, d)) {
      awaitHeld(node, a.nodeId(), held);
    }
    awaitReadable(d, a, 5);
    List<JsonObject> onB = EventChecks.of(b, a.nodeId(), SECRET);
    assertEquals(5, onB.size());
    for (int n = 0; n < 3; n++) {
      assertPayload(onB.get(n), n);
    }
    assertMarker(onB.get(3), 2);
    assertMarker(onB.get(4), 2);
    EventChecks.of(c, a.nodeId(), SECRET).forEach(event -> assertTrue(event.containsKey("sealed"), event::encode));
  }

  /** Waits until {@code reader} shows the first {@code count} secret events of {@code source} with their payloads. */
  private static void awaitReadable(NodeProcess reader, NodeProcess source, int count) throws Exception {
    AtomicReference<List<JsonObject>> last = new AtomicReference<>(List.of());
    Poll.await(() -> reader.nodeId() + " reading " + count + " secret events, last seen " + last.get(), READABLE, () -> {
      last.set(EventChecks.of(reader, source.nodeId(), SECRET));
      return last.get().size() >= count && last.get().stream().limit(count).allMatch(e -> e.containsKey("payload"));
    });
    for (int n = 0; n < count; n++) {
      assertPayload(last.get().get(n), n);
    }
  }

  private static void assertPayload(JsonObject event, int n) {
    assertEquals(new JsonObject().put("n", n).put("tag", n < 3 ? "before" : "after"), event.getJsonObject("payload"),
        event::encode);
    assertNull(event.getValue("sealed"), event::encode);
  }

  /** The marker of an event this node cannot decrypt: {@code "sealed":{"keyEpoch":n}} and no payload. */
  private static void assertMarker(JsonObject event, int epoch) {
    assertFalse(event.containsKey("payload"), event::encode);
    assertEquals(new JsonObject().put("keyEpoch", epoch), event.getJsonObject("sealed"), event::encode);
    assertEquals(SECRET, event.getJsonObject("stream").getString("semantics"));
  }

  /** The {@code ax events keys ls --json} entry of {@code secret} on {@code node}. */
  private static JsonObject keyEpochs(Swarm swarm, NodeProcess node) throws Exception {
    JsonArray keys = result(swarm.axOk(node, "events", "keys", "ls", "--json")).getJsonArray("keys");
    return keys.stream().map(JsonObject.class::cast).filter(k -> SECRET.equals(k.getString("semantics")))
        .findFirst().orElseThrow(() -> new AssertionError("no key of " + SECRET + " in " + keys.encode()));
  }

  private static JsonObject result(String stdout) {
    return new JsonObject(stdout).getJsonObject("result");
  }
}
