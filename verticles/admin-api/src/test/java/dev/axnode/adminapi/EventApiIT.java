package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.SettingsSet;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.axnode.adminapi.AdminTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event API on its own port (4454 in production, 0 here) over real HTTP, against a node
 * core whose events verticle is {@link FakeEvents}: publish, NDJSON queries, subscriptions,
 * offsets, the browser guards, error envelopes and lines, and flow control for slow readers.
 */
class EventApiIT {

  private static final String API = "/api/v1/events/";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventApiIT.class);

  @TempDir
  Path dataDir;

  private TestNode node;
  private FakeEvents events;
  private EventHttp http;

  @BeforeEach
  void start() {
    node = new TestNode(dataDir, new JsonObject(), false);
    events = new FakeEvents(node.vertx);
    http = new EventHttp(node.vertx, node.eventsPort());
  }

  @AfterEach
  void stop() {
    http.close();
    events.close();
    node.close();
  }

  @Test
  void publishQueryAndOffsets() {
    EventHttp.Answer published = http.post(API + "publish", new JsonObject().put("data", new JsonArray()
        .add(event("orders", "o-1", 1)).add(event("audit", "a-1", 2)).add(event("orders", "o-2", 3))));
    assertEquals(200, published.status(), published.body());
    JsonArray receipts = published.json().getJsonObject("result").getJsonArray("data");
    assertEquals(3, receipts.size());
    assertEquals(2L, receipts.getJsonObject(2).getLong("offset"));

    EventHttp.Answer query = http.post(API + "query", new JsonObject()
        .put("filter", new JsonObject().put("semantics", "orders")));
    assertEquals(200, query.status(), query.body());
    assertEquals("application/x-ndjson", query.contentType());
    List<JsonObject> lines = query.body().lines().map(JsonObject::new).toList();
    assertEquals(List.of("o-1", "o-2"), lines.stream().map(e -> e.getJsonObject("stream").getString("name")).toList());
    assertEquals(3, lines.get(1).getJsonObject("payload").getInteger("n"));

    EventHttp.Answer offsets = http.get(API + "offsets");
    assertEquals(new JsonObject().put(FakeEvents.SOURCE, 2), offsets.json().getJsonObject("result")
        .getJsonObject("present"), offsets.body());
  }

  @Test
  void aKeptAliveConnectionServesTheNextRequestAfterAnNdjsonAnswer() throws java.io.IOException {
    http.post(API + "publish", new JsonObject().put("data", new JsonArray().add(event("orders", "o-1", 1))));
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.eventsPort())) {
      socket.setSoTimeout(10_000);
      var in = new java.io.BufferedInputStream(socket.getInputStream());
      String query = "{\"filter\":{\"semantics\":\"orders\"}}";
      for (int round = 0; round < 20; round++) {
        socket.getOutputStream().write(("POST " + API + "query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + query.length() + "\r\n\r\n" + query)
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(RawHttp.readAnswer(in).contains("\"o-1\""));
        socket.getOutputStream().write(("GET " + API + "offsets HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(RawHttp.readAnswer(in).contains("\"present\""));
      }
    }
  }

  @Test
  void aSubscriptionReceivesWhatIsHeldThenAnEventPublishedAfterItStarted() throws InterruptedException {
    http.post(API + "publish", new JsonObject().put("data", new JsonArray().add(event("orders", "before", 1))));
    // The headers come once the subscription is in place: what is published after them is delivered.
    EventHttp.Lines lines = http.stream(API + "subscribe", new JsonObject(), false);
    assertEquals(200, lines.response.statusCode());
    assertEquals("before", new JsonObject(lines.next()).getJsonObject("stream").getString("name"));
    http.post(API + "publish", new JsonObject().put("data", new JsonArray().add(event("orders", "after", 2))));
    JsonObject after = new JsonObject(lines.next());
    assertEquals("after", after.getJsonObject("stream").getString("name"));
    assertEquals(1L, after.getLong("offset"));
  }

  @Test
  void theEventApiHasTheHttpApisGuards() {
    EventHttp.Answer host = http.send(HttpMethod.GET, API + "offsets", null, Map.of("Host", "evil.test"));
    assertEquals(403, host.status());
    assertTrue(host.body().contains("DNS rebinding"), host.body());
    EventHttp.Answer origin = http.send(HttpMethod.GET, API + "offsets", null, Map.of("Origin", "http://evil.test"));
    assertEquals(403, origin.status());
    EventHttp.Answer plain = http.send(HttpMethod.POST, API + "publish", Buffer.buffer("{\"data\":[]}"),
        Map.of("Content-Type", "text/plain"));
    assertEquals(403, plain.status());
    assertEquals("ERR_UNAUTHORIZED", plain.json().getString("code"));
    EventHttp.Answer settings = http.get("/api/v1/settings?scope=.");
    assertEquals(400, settings.status(), "4454 serves the event operations only: " + settings.body());
    assertTrue(settings.json().getString("message").startsWith("No such API endpoint"), settings.body());
  }

  @Test
  void refusalsUseTheEnvelope() {
    EventHttp.Answer order = http.post(API + "query", new JsonObject().put("order", "sideways"));
    assertEquals(400, order.status());
    assertEquals("ERR_INVALID_INPUT", order.json().getString("code"));
    assertTrue(order.json().getString("message").contains("lamport, reverse, source"), order.body());
    EventHttp.Answer reserved = http.post(API + "publish", new JsonObject().put("data", new JsonArray()
        .add(event("ax.keys", "x", 1))));
    assertEquals("ERR_INVALID_INPUT", reserved.json().getString("code"), reserved.body());
    EventHttp.Answer empty = http.post(API + "publish", new JsonObject().put("data", new JsonArray()));
    assertEquals("ERR_INVALID_INPUT", empty.json().getString("code"), empty.body());
  }

  @Test
  void anErrorAfterTheFirstLineIsTheLastLine() {
    events.fill(250, 10);
    events.failQueriesAfter(1);
    EventHttp.Answer query = http.post(API + "query", new JsonObject());
    assertEquals(200, query.status());
    List<String> lines = query.body().lines().toList();
    assertEquals(EventPager.PAGE + 1, lines.size(), "one page, then the error line");
    JsonObject error = new JsonObject(lines.get(lines.size() - 1));
    assertEquals("ERR_INTERNAL_ERROR", error.getString("code"));
    assertEquals("The event store failed to read (test)", error.getString("message"));
  }

  @Test
  void requireAuthenticationClosesTheEventApi() {
    await(BusRequests.request(node.vertx, Addresses.SETTINGS_SET, new SettingsSet("com.actyx.os/general/authorizedKeys",
        new JsonArray().add(AdminTestClient.keyText(AdminTestClient.newKey()))), BusRequests.WRITE_TIMEOUT_MS));
    await(BusRequests.request(node.vertx, Addresses.SETTINGS_SET,
        new SettingsSet("com.actyx.os/general/requireAuthentication", true), BusRequests.WRITE_TIMEOUT_MS));
    EventHttp.Answer offsets = http.get(API + "offsets");
    assertEquals(503, offsets.status());
    assertEquals("ERR_NODE_MISCONFIGURED", offsets.json().getString("code"));
    assertTrue(offsets.json().getString("message").contains("requireAuthentication"), offsets.body());
  }

  /**
   * 20,000 events of 2 KiB (40 MiB) to a client that reads nothing: the node fetches the pages
   * that fill the socket buffers and its write queue, then waits; once the client reads, all
   * arrive in order.
   */
  @Test
  void aSlowReaderIsNotBufferedWhole() throws InterruptedException {
    int total = 20_000;
    events.fill(total, 2048);
    EventHttp slow = new EventHttp(node.vertx, node.eventsPort(), new HttpClientOptions().setReceiveBufferSize(8192));
    try {
      EventHttp.Lines lines = slow.stream(API + "query", new JsonObject(), true);
      int settled = quietCount();
      LOG.info("slow reader: {} of {} pages fetched while the client read nothing", settled, total / EventPager.PAGE);
      int allPages = total / EventPager.PAGE;
      assertTrue(settled <= allPages / 4, "pages fetched ahead of a client that reads nothing: " + settled
          + " of " + allPages);
      lines.response.resume();
      for (int i = 0; i < total; i++) {
        assertEquals(i, new JsonObject(lines.next()).getJsonObject("payload").getInteger("i"));
      }
      await(lines.ended.future());
      assertEquals(allPages, events.queries.get());
    } finally {
      slow.close();
    }
  }

  /**
   * A subscriber that reads nothing while 100 batches of 100 events (2 KiB each) are
   * published: new rounds wait until it has room, so the node asks for far fewer pages than
   * batches; once it reads, all 10,000 events arrive in order.
   */
  @Test
  void aSubscriberThatReadsNothingHoldsBackNewRounds() throws InterruptedException {
    EventHttp slow = new EventHttp(node.vertx, node.eventsPort(), new HttpClientOptions().setReceiveBufferSize(8192));
    try {
      EventHttp.Lines lines = slow.stream(API + "subscribe", new JsonObject(), true);
      String text = "x".repeat(2048);
      int batches = 100;
      for (int b = 0; b < batches; b++) {
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 100; i++) {
          batch.add(new JsonObject().put("semantics", "load").put("name", "e").put("payload",
              new JsonObject().put("i", b * 100 + i).put("text", text)));
        }
        await(node.vertx.eventBus().request(Addresses.EVENTS_PUBLISH, new JsonObject().put("events", batch)));
      }
      int settled = quietCount();
      LOG.info("subscriber reading nothing: {} query pages for {} published batches", settled, batches);
      assertTrue(settled <= batches / 2, "pages asked for a subscriber that reads nothing: " + settled);
      lines.response.resume();
      for (int i = 0; i < batches * 100; i++) {
        String line = lines.next();
        if (line.isEmpty()) {
          i--; // a heartbeat
          continue;
        }
        assertEquals(i, new JsonObject(line).getJsonObject("payload").getInteger("i"));
      }
    } finally {
      slow.close();
    }
  }

  /** The query count once it has not changed for a second (checked on timers; 30 s at most). */
  private int quietCount() {
    Promise<Integer> quiet = Promise.promise();
    int[] last = {-1};
    int[] sameFor = {0};
    long deadline = System.nanoTime() + 30_000_000_000L;
    node.vertx.setPeriodic(250, id -> {
      int now = events.queries.get();
      sameFor[0] = now == last[0] ? sameFor[0] + 1 : 0;
      last[0] = now;
      if (sameFor[0] >= 4 || System.nanoTime() > deadline) {
        node.vertx.cancelTimer(id);
        quiet.complete(now);
      }
    });
    return await(quiet.future());
  }

  static JsonObject event(String semantics, String name, int n) {
    return new JsonObject().put("semantics", semantics).put("name", name).put("payload", new JsonObject().put("n", n));
  }
}
