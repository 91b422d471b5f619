package dev.axnode.events;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.axnode.events.TestEvents.await;
import static dev.axnode.events.TestEvents.eventually;
import static dev.axnode.events.TestEvents.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events verticle driven through the bus, with the real keystore and settings verticles. */
class EventsVerticleTest {

  @TempDir
  Path dir;
  private TestEvents node;

  @BeforeEach
  void start() throws Exception {
    node = new TestEvents(dir);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void publishedEventsAreQueriedAndCountedInTheOffsets() throws Exception {
    JsonObject first = node.publish("machines", "press-7", 0, 2);
    JsonArray data = first.getJsonArray("data");
    assertEquals(2, data.size());
    JsonObject stored = data.getJsonObject(1);
    assertEquals(new JsonObject().put("semantics", "machines").put("name", "press-7").put("source", node.nodeId),
        stored.getJsonObject("stream"));
    assertEquals(1L, stored.getLong("offset"));
    assertTrue(stored.getLong("lamport") > data.getJsonObject(0).getLong("lamport"));
    assertTrue(Math.abs(stored.getLong("timestamp") / 1000 - System.currentTimeMillis()) < 60_000);
    node.publish("orders", "o-1", 2, 1);

    JsonObject offsets = node.offsets();
    assertEquals(new JsonObject().put(node.nodeId, 2L), offsets.getJsonObject("present"));
    assertEquals("default-topic", offsets.getString("topic"));

    JsonArray events = node.request(Addresses.EVENTS_QUERY, new JsonObject()).getJsonArray("events");
    assertEquals(List.of(0, 1, 2), payloadIndexes(events));
    assertEquals("orders", events.getJsonObject(2).getJsonObject("stream").getString("semantics"));
  }

  @Test
  void publishRefusesWhatItCannotStoreWithClearErrors() {
    assertTrue(message(new JsonObject()).contains("non-empty array"));
    assertTrue(message(event("ax.keys", "x")).contains("reserved"));
    assertTrue(message(event("", "x")).contains("semantics"));
    assertTrue(message(new JsonObject().put("events", new JsonArray().add(new JsonObject().put("semantics", "s").put("name", "n"))))
        .contains("no payload"));
    assertTrue(message(event("s", "n".repeat(2000))).contains("name has more than"));
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 10_001; i++) {
      tooMany.add(new JsonObject().put("semantics", "s").put("name", "n").put("payload", i));
    }
    assertTrue(message(new JsonObject().put("events", tooMany)).contains("at most 10000"));
  }

  @Test
  void queriesPageInEveryOrderWithinBoundsAndFilters() throws Exception {
    node.publish("a", "x", 0, 10);
    node.publish("b", "y", 10, 15);
    assertEquals(range(0, 25), all(new JsonObject().put("limit", 10)));
    List<Integer> reversed = range(0, 25);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, all(new JsonObject().put("order", "reverse").put("limit", 7)));
    assertEquals(range(0, 25), all(new JsonObject().put("order", "source").put("limit", 4)));
    assertEquals(range(10, 25), all(new JsonObject().put("filter", new JsonObject().put("semantics", "b")).put("limit", 6)));
    assertEquals(range(0, 10), all(new JsonObject().put("filter", new JsonObject().put("semantics", "a").put("name", "x"))));
    assertEquals(range(5, 13), all(new JsonObject().put("lowerBound", new JsonObject().put(node.nodeId, 4))
        .put("upperBound", new JsonObject().put(node.nodeId, 12)).put("limit", 3)));
    assertEquals(List.of(), all(new JsonObject().put("upperBound", new JsonObject())));

    // The upper bound is fixed at the first page: events published meanwhile wait for the next query.
    JsonObject page = node.request(Addresses.EVENTS_QUERY, new JsonObject().put("limit", 20));
    node.publish("a", "x", 25, 5);
    JsonObject rest = node.request(Addresses.EVENTS_QUERY, new JsonObject().put("after", page.getString("next")));
    assertEquals(range(20, 25), payloadIndexes(rest.getJsonArray("events")));
    assertNull(rest.getString("next"));
    assertEquals(range(25, 30), all(new JsonObject().put("lowerBound", rest.getJsonObject("upperBound"))));
    refused(ErrorCode.INVALID_INPUT, BusRequests.request(node.vertx, Addresses.EVENTS_QUERY,
        new JsonObject().put("order", "reverse").put("after", page.getString("next"))));
    refused(ErrorCode.INVALID_INPUT, BusRequests.request(node.vertx, Addresses.EVENTS_QUERY, new JsonObject().put("order", "random")));
  }

  @Test
  void aPageHoldsAboutOneMebibyteOfPayloadsWhateverItsLimit() throws Exception {
    String big = "x".repeat(200 * 1024);
    JsonArray events = new JsonArray();
    for (int i = 0; i < 6; i++) {
      events.add(new JsonObject().put("semantics", "big").put("name", "n").put("payload", new JsonObject().put("i", i).put("fill", big)));
    }
    node.request(Addresses.EVENTS_PUBLISH, new JsonObject().put("events", events));
    JsonObject first = node.request(Addresses.EVENTS_QUERY, new JsonObject().put("order", "source").put("limit", 100));
    assertEquals(5, first.getJsonArray("events").size(), "5 payloads of 200 KiB fit in 1 MiB, a 6th does not");
    JsonObject second = node.request(Addresses.EVENTS_QUERY, new JsonObject().put("order", "source").put("limit", 100)
        .put("after", first.getString("next")));
    assertEquals(1, second.getJsonArray("events").size());
    assertEquals(5, second.getJsonArray("events").getJsonObject(0).getJsonObject("payload").getInteger("i"));
    assertEquals(null, second.getValue("next"));
  }

  @Test
  void readOnlyRefusesPublishingAtOnceAndLiftsAgain() throws Exception {
    node.publish("a", "x", 0, 1);
    node.setting("com.actyx.os/services/eventService/readOnly", true);
    eventually(Duration.ofSeconds(10), () -> failsWith(ErrorCode.EVENTS_READ_ONLY), "publish to be refused");
    node.setting("com.actyx.os/services/eventService/readOnly", false);
    eventually(Duration.ofSeconds(10), () -> !failsWith(ErrorCode.EVENTS_READ_ONLY), "publish to be taken again");
    assertEquals(2, node.request(Addresses.EVENTS_QUERY, new JsonObject()).getJsonArray("events").size());
  }

  @Test
  void aTopicChangeSwitchesTheStoreFileAtOnce() throws Exception {
    node.publish("a", "x", 0, 3);
    node.setting("com.actyx.os/services/eventService/topic", "hall-2");
    eventually(Duration.ofSeconds(10), () -> "hall-2".equals(offsetsTopic()), "the topic to switch");
    assertEquals(new JsonObject(), node.offsets().getJsonObject("present"));
    node.publish("a", "x", 100, 2);
    assertEquals(List.of(100, 101), all(new JsonObject()));
    node.setting("com.actyx.os/services/eventService/topic", "default-topic");
    eventually(Duration.ofSeconds(10), () -> "default-topic".equals(offsetsTopic()), "the topic to switch back");
    assertEquals(range(0, 3), all(new JsonObject()));
  }

  @Test
  void aRestartedVerticleKeepsEveryEventAndTheLamportClock() throws Exception {
    JsonObject before = node.publish("a", "x", 0, 5);
    long lamport = before.getJsonArray("data").getJsonObject(4).getLong("lamport");
    node.stopEvents();
    node.startEvents();
    assertEquals(range(0, 5), all(new JsonObject()));
    JsonObject after = node.publish("a", "x", 5, 1).getJsonArray("data").getJsonObject(0);
    assertEquals(5L, after.getLong("offset"));
    assertTrue(after.getLong("lamport") > lamport, after.encode());
  }

  @Test
  void anEncryptedFamilyIsSealedInTheStoreAndReadBackByTheNodeThatHoldsItsKey() throws Exception {
    JsonObject created = BusRequests.<JsonObject>request(node.vertx, Addresses.EVENTS_KEYS,
        new JsonObject().put("op", "create").put("semantics", "secret")).toCompletionStage().toCompletableFuture().get();
    assertEquals(1, created.getInteger("keyEpoch"), created.encode());
    node.publish("secret", "x", 0, 3);
    assertEquals(range(0, 3), all(new JsonObject().put("filter", new JsonObject().put("semantics", "secret"))));
    JsonObject ls = BusRequests.<JsonObject>request(node.vertx, Addresses.EVENTS_KEYS, new JsonObject().put("op", "ls"))
        .toCompletionStage().toCompletableFuture().get();
    assertTrue(ls.encode().contains("\"secret\""), ls.encode());
    assertTrue(refused(ErrorCode.INVALID_INPUT, BusRequests.request(node.vertx, Addresses.EVENTS_PUBLISH,
        event("ax.keys", "secret"))).getMessage().contains("ax."));
    node.stopEvents();
    node.startEvents();
    node.publish("secret", "x", 3, 1);
    assertEquals(range(0, 4), all(new JsonObject().put("filter", new JsonObject().put("semantics", "secret"))));
  }

  private boolean failsWith(ErrorCode code) {
    try {
      node.publish("a", "x", 1000, 1);
      return false;
    } catch (Exception e) {
      return dev.axnode.kernel.AxException.from(e.getCause()).code() == code;
    }
  }

  private String offsetsTopic() {
    try {
      return node.offsets().getString("topic");
    } catch (Exception e) {
      return null;
    }
  }

  private String message(JsonObject request) {
    return refused(ErrorCode.INVALID_INPUT, BusRequests.request(node.vertx, Addresses.EVENTS_PUBLISH, request)).getMessage();
  }

  private static JsonObject event(String semantics, String name) {
    return new JsonObject().put("events", new JsonArray().add(new JsonObject().put("semantics", semantics)
        .put("name", name).put("payload", 1)));
  }

  /** Every page of a query, as the payloads' "i". */
  private List<Integer> all(JsonObject query) throws Exception {
    List<Integer> seen = new ArrayList<>();
    JsonObject page = node.request(Addresses.EVENTS_QUERY, query);
    seen.addAll(payloadIndexes(page.getJsonArray("events")));
    while (page.getString("next") != null) {
      page = node.request(Addresses.EVENTS_QUERY, query.copy().put("after", page.getString("next")));
      seen.addAll(payloadIndexes(page.getJsonArray("events")));
    }
    return seen;
  }

  private static List<Integer> payloadIndexes(JsonArray events) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      indexes.add(events.getJsonObject(i).getJsonObject("payload").getInteger("i"));
    }
    return indexes;
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> list = new ArrayList<>();
    for (int i = from; i < to; i++) {
      list.add(i);
    }
    return list;
  }
}
