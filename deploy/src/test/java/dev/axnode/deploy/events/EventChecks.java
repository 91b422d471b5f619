package dev.axnode.deploy.events;

import dev.axnode.deploy.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Assertions over what nodes hold, read over their event API. */
final class EventChecks {

  static final Duration REPLICATE = Duration.ofSeconds(90);

  private EventChecks() {
  }

  /** {@code count} events {semantics, name, payload {n, tag}} numbered from {@code from}. */
  static JsonArray batch(String semantics, String tag, int from, int count) {
    JsonArray events = new JsonArray();
    for (int n = from; n < from + count; n++) {
      events.add(new JsonObject().put("semantics", semantics).put("name", tag + "-" + n)
          .put("payload", new JsonObject().put("n", n).put("tag", tag)));
    }
    return events;
  }

  /** Publishes {@code total} events in batches of {@code batchSize}, each acknowledged. */
  static void publishMany(NodeProcess node, String semantics, String tag, int from, int total, int batchSize)
      throws Exception {
    for (int n = from; n < from + total; n += batchSize) {
      JsonArray receipts = EventHttp.published(node, batch(semantics, tag, n, Math.min(batchSize, from + total - n)));
      assertFalse(receipts.isEmpty());
    }
  }

  /** Waits until {@code node} holds {@code source} up to {@code highest} (inclusive). */
  static void awaitHeld(NodeProcess node, String source, long highest) throws Exception {
    JsonObject[] last = new JsonObject[1];
    Poll.await(() -> node.nodeId() + " holding " + source + " up to " + highest + ", last seen " + last[0],
        REPLICATE, () -> {
          last[0] = EventHttp.present(node);
          return last[0].getLong(source, -1L) >= highest;
        });
  }

  /**
   * Every node shows the same events in source order (stream, offsets, lamport, timestamps,
   * payloads), their offsets maps are equal, and each source's offsets run from 0 without a gap.
   * Returns the events.
   */
  static List<JsonObject> sameEverywhere(NodeProcess... nodes) throws Exception {
    return sameEverywhere(UnaryOperator.identity(), nodes);
  }

  /**
   * As {@link #sameEverywhere(NodeProcess...)} comparing only stream, offset, lamport and
   * timestamp: for nodes that hold the same sealed events but not the same keys.
   */
  static List<JsonObject> samePositionsEverywhere(NodeProcess... nodes) throws Exception {
    return sameEverywhere(event -> {
      JsonObject position = event.copy();
      position.remove("payload");
      position.remove("sealed");
      return position;
    }, nodes);
  }

  private static List<JsonObject> sameEverywhere(UnaryOperator<JsonObject> compared, NodeProcess... nodes)
      throws Exception {
    JsonObject order = new JsonObject().put("order", "source");
    List<JsonObject> first = EventHttp.query(nodes[0], order);
    JsonObject present = EventHttp.present(nodes[0]);
    for (int i = 1; i < nodes.length; i++) {
      assertEquals(present, EventHttp.present(nodes[i]), "offsets of " + nodes[i].nodeId());
      List<JsonObject> other = EventHttp.query(nodes[i], order);
      assertEquals(first.size(), other.size(), "events held by " + nodes[i].nodeId());
      for (int e = 0; e < first.size(); e++) {
        assertEquals(compared.apply(first.get(e)), compared.apply(other.get(e)), "event " + e + " on " + nodes[i].nodeId());
      }
    }
    assertContiguous(first, present);
    return first;
  }

  /** Per source the offsets are 0, 1, 2, … in source order and end at the offsets map's value. */
  static void assertContiguous(List<JsonObject> bySource, JsonObject present) {
    Map<String, Long> next = new HashMap<>();
    for (JsonObject event : bySource) {
      String source = event.getJsonObject("stream").getString("source");
      long expected = next.getOrDefault(source, 0L);
      assertEquals(expected, event.getLong("offset"), "offset of " + source);
      next.put(source, expected + 1);
    }
    Map<String, Object> expected = new HashMap<>();
    next.forEach((source, count) -> expected.put(source, count - 1));
    assertEquals(new JsonObject(expected), present, "offsets map against the events held");
  }

  /** The events of {@code source} with {@code semantics}, in source order. */
  static List<JsonObject> of(NodeProcess node, String source, String semantics) throws Exception {
    return EventHttp.query(node, new JsonObject().put("order", "source")
        .put("filter", new JsonObject().put("source", source).put("semantics", semantics)));
  }
}
