package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.EventsPublish;
import dev.axnode.kernel.message.EventsPublished;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory stand-in for the events verticle, serving the bus contract of
 * {@code events-design.md} at the EVENTS_* addresses of a test node: one source, events in
 * a list, cursors {@code {"upper", "pos"}}. It counts the query pages asked, and can be told
 * to fail the query pages after the first {@code n}.
 */
final class FakeEvents {

  static final String SOURCE = "12D3KooWFakeSourceOfTheTestNode";

  private final Vertx vertx;
  private final List<JsonObject> events = new ArrayList<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  final AtomicInteger queries = new AtomicInteger();
  private volatile int failQueriesAfter = Integer.MAX_VALUE;
  private long lamport;

  FakeEvents(Vertx vertx) {
    this.vertx = vertx;
    consumers.add(vertx.eventBus().<Object>consumer(Addresses.EVENTS_PUBLISH, this::publish));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_QUERY, this::query));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_OFFSETS, m -> m.reply(offsets())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_KEYS, this::keys));
    AdminTestClient.await(Future.all(consumers.stream().map(MessageConsumer::completion).toList()));
  }

  void failQueriesAfter(int pages) {
    failQueriesAfter = pages;
  }

  /** Stores {@code count} events of {@code payloadBytes} each at once, without an appended notice. */
  void fill(int count, int payloadBytes) {
    String text = "x".repeat(payloadBytes);
    synchronized (events) {
      for (int i = 0; i < count; i++) {
        append("fill", "n" + i, new JsonObject().put("i", i).put("text", text));
      }
    }
  }

  private JsonObject append(String semantics, String name, Object payload) {
    lamport++;
    JsonObject event = new JsonObject()
        .put("stream", new JsonObject().put("semantics", semantics).put("name", name).put("source", SOURCE))
        .put("offset", (long) events.size()).put("lamport", lamport).put("timestamp", 1_700_000_000_000_000L + lamport)
        .put("payload", payload);
    events.add(event);
    return event;
  }

  /** A publish as the admin API sends it ({@link EventsPublish}, answered in kind) or as JSON {@code {"events": [...]}}. */
  private void publish(Message<Object> message) {
    List<JsonObject> request = new ArrayList<>();
    if (message.body() instanceof EventsPublish typed) {
      typed.events().forEach(e -> request.add(new JsonObject().put("semantics", e.semantics()).put("name", e.name())
          .put("payload", Json.decodeValue(new String(e.payload(), StandardCharsets.UTF_8)))));
    } else {
      ((JsonObject) message.body()).getJsonArray("events").forEach(e -> request.add((JsonObject) e));
    }
    List<EventsPublished.Stored> stored = new ArrayList<>();
    synchronized (events) {
      for (JsonObject e : request) {
        if (e.getString("semantics").startsWith("ax.")) {
          message.fail(ErrorCode.INVALID_INPUT.number(), "Semantics beginning with ax. are reserved for the node");
          return;
        }
        JsonObject event = append(e.getString("semantics"), e.getString("name"), e.getValue("payload"));
        stored.add(new EventsPublished.Stored(e.getString("semantics"), e.getString("name"), event.getLong("offset"),
            event.getLong("lamport"), event.getLong("timestamp")));
      }
    }
    EventsPublished published = new EventsPublished(SOURCE, stored);
    message.reply(message.body() instanceof EventsPublish ? published : published.toJson());
    vertx.eventBus().publish(Addresses.EVENTS_APPENDED, new JsonObject().put("present", present()));
  }

  private JsonObject present() {
    synchronized (events) {
      return events.isEmpty() ? new JsonObject() : new JsonObject().put(SOURCE, (long) events.size() - 1);
    }
  }

  private JsonObject offsets() {
    return new JsonObject().put("present", present()).put("topic", "default-topic");
  }

  private void query(Message<JsonObject> message) {
    if (queries.incrementAndGet() > failQueriesAfter) {
      message.fail(ErrorCode.INTERNAL_ERROR.number(), "The event store failed to read (test)");
      return;
    }
    JsonObject q = message.body();
    JsonObject cursor = q.getJsonObject("after");
    JsonObject upper = cursor != null ? cursor.getJsonObject("upper")
        : q.getJsonObject("upperBound", present());
    long low = q.getJsonObject("lowerBound", new JsonObject()).getLong(SOURCE, -1L);
    long high = upper.getLong(SOURCE, -1L);
    JsonObject filter = q.getJsonObject("filter", new JsonObject());
    List<JsonObject> matched = new ArrayList<>();
    synchronized (events) {
      for (JsonObject e : events) {
        long offset = e.getLong("offset");
        if (offset > low && offset <= high && matches(filter, e.getJsonObject("stream"))) {
          matched.add(e);
        }
      }
    }
    Comparator<JsonObject> byLamport = Comparator.comparingLong(e -> e.getLong("lamport"));
    matched.sort("reverse".equals(q.getString("order")) ? byLamport.reversed() : byLamport);
    int pos = cursor == null ? 0 : cursor.getInteger("pos");
    int limit = q.getInteger("limit", 1000);
    int end = Math.min(matched.size(), pos + limit);
    JsonObject next = end < matched.size() ? new JsonObject().put("upper", upper).put("pos", end) : null;
    message.reply(new JsonObject().put("events", new JsonArray(new ArrayList<>(matched.subList(pos, end))))
        .put("next", next));
  }

  private static boolean matches(JsonObject filter, JsonObject stream) {
    return filter.stream().allMatch(entry -> entry.getValue().equals(stream.getValue(entry.getKey())));
  }

  private void keys(Message<JsonObject> message) {
    JsonObject body = message.body();
    switch (body.getString("op")) {
      case "create" -> message.reply(new JsonObject().put("semantics", body.getString("semantics")).put("keyEpoch", 1));
      case "grant" -> message.reply(new JsonObject().put("semantics", body.getString("semantics"))
          .put("nodeId", body.getString("nodeId")).put("keyEpochs", new JsonArray().add(1)));
      case "rotate" -> message.reply(new JsonObject().put("semantics", body.getString("semantics")).put("keyEpoch", 2)
          .put("grantedTo", new JsonArray()).put("revoked", body.getJsonArray("revoke")));
      default -> message.reply(new JsonObject().put("keys", new JsonArray()));
    }
  }

  void close() {
    AdminTestClient.await(Future.all(consumers.stream().map(MessageConsumer::unregister).toList()));
  }
}
