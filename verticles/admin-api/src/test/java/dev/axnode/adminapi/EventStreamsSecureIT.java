package dev.axnode.adminapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event queries and subscriptions on the secure admin API (4458): event frames then an end
 * frame, a subscription's live frame and the events published after it, its end on the
 * client's FIN, and the budget of event streams per connection and per client address
 * (shared with the HTTP APIs).
 */
class EventStreamsSecureIT {

  @TempDir
  Path dataDir;

  private TestNode node;
  private FakeEvents events;
  private final Ed25519PrivateKeyParameters key = AdminTestClient.newKey();

  @BeforeEach
  void start() {
    node = new TestNode(dataDir, new JsonObject().put("maxEventStreamsPerConnection", 2)
        .put("maxEventStreamsPerIp", 3), false);
    events = new FakeEvents(node.vertx);
  }

  @AfterEach
  void stop() {
    events.close();
    node.close();
  }

  @Test
  void aQueryIsEventFramesThenAnEndFrame() {
    events.fill(150, 10);
    TestStream stream = node.connect(key).openStream();
    stream.send(TestStream.request(5, "events.query", new JsonObject().put("order", "reverse")));
    for (int i = 149; i >= 0; i--) {
      JsonObject frame = stream.next();
      assertEquals(5, frame.getInteger("id"));
      assertEquals(i, frame.getJsonObject("event").getJsonObject("payload").getInteger("i"), frame.encode());
    }
    JsonObject end = stream.next();
    assertEquals(new JsonObject().put("id", 5).put("code", "OK").put("result", new JsonObject().put("events", 150)), end);
  }

  @Test
  void aSubscriptionIsLiveThenCarriesNewEventsUntilTheClientHalfCloses() {
    TestStream stream = node.connect(key).openStream();
    stream.send(TestStream.request(1, "events.subscribe", new JsonObject()
        .put("filter", new JsonObject().put("semantics", "orders"))));
    assertEquals(new JsonObject().put("id", 1).put("live", true), stream.next());
    JsonObject published = stream.call(2, "events.publish", new JsonObject().put("data", new JsonArray()
        .add(EventApiIT.event("audit", "a", 1)).add(EventApiIT.event("orders", "o", 2))));
    // The publish answer and the subscription's event may come in either order.
    JsonObject second = stream.next();
    JsonObject event = published.containsKey("event") ? published : second;
    JsonObject answer = published.containsKey("event") ? second : published;
    assertEquals("OK", answer.getString("code"), answer.encode());
    assertEquals(1, event.getInteger("id"));
    assertEquals("o", event.getJsonObject("event").getJsonObject("stream").getString("name"));
    stream.closeWrite();
    assertEquals(new JsonObject().put("id", 1).put("code", "OK").put("result", new JsonObject().put("events", 1)),
        stream.next());
    stream.awaitEnd();
  }

  @Test
  void eventStreamsAreBudgetedPerConnectionAndPerAddress() {
    AdminTestClient first = node.connect(key);
    TestStream a = first.openStream();
    a.send(TestStream.request(1, "events.subscribe", null));
    assertTrue(a.next().getBoolean("live"));
    a.send(TestStream.request(2, "events.subscribe", null));
    assertTrue(a.next().getBoolean("live"));
    JsonObject third = first.openStream().call(3, "events.subscribe", null);
    assertEquals("ERR_INVALID_INPUT", third.getString("code"), third.encode());
    assertTrue(third.getString("message").contains("at most 2 per connection"), third.encode());

    TestStream b = node.connect(key).openStream();
    b.send(TestStream.request(4, "events.subscribe", null));
    assertTrue(b.next().getBoolean("live"));
    JsonObject fourth = b.call(5, "events.query", null);
    assertTrue(fourth.getString("message").contains("at most 3 per client address"), fourth.encode());
    EventHttp http = new EventHttp(node.vertx, node.eventsPort());
    try {
      EventHttp.Answer overHttp = http.post("/api/v1/events/subscribe", new JsonObject());
      assertEquals(429, overHttp.status(), "the budget is shared with the event API: " + overHttp.body());
      // Ending a subscription gives its slot back.
      a.closeWrite();
      assertEquals("OK", a.next().getString("code"));
      assertEquals("OK", a.next().getString("code"));
      assertEquals(200, http.post("/api/v1/events/query", new JsonObject()).status());
    } finally {
      http.close();
    }
  }
}
