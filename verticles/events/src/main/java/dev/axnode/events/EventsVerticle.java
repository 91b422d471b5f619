package dev.axnode.events;

import dev.axnode.events.keys.KeystorePayloadKeys;
import dev.axnode.events.keys.PayloadKeys;
import dev.axnode.events.replication.Replicator;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.events.replication.ReplicationLog;
import dev.axnode.events.store.EventStore;
import dev.axnode.events.store.NewEvent;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.lifecycle.InFlight;
import dev.axnode.kernel.message.EventsPublish;
import dev.axnode.kernel.message.EventsPublished;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's event streams: serves {@code ax.events.publish|query|offsets|keys} over the bus
 * from a durable {@link EventStore} (one SQLite file per topic in {@code <dataDir>/events/})
 * and publishes {@code ax.events.appended}. The {@code com.actyx.os/services/eventService}
 * settings apply at once: a new topic switches the store file, {@code readOnly} refuses
 * publishing. Stopping (a swap) stops taking requests, answers what it took, and closes the file.
 *
 * <p>Config: {@code dataDir} (required, from the node config); {@code commitWaitMs} (default
 * {@value EventStore#DEFAULT_COMMIT_WAIT_MS}, at least 1): how long an idle writer waits at
 * most for the clients its last commit answered, so that they share the next commit.
 */
public final class EventsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EventsVerticle.class);

  private final Function<Vertx, PayloadKeys> keysFactory;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final InFlight inFlight = new InFlight();
  private PayloadKeys keys;
  private Path eventsDir;
  private String source;
  private EventsSettings settings;
  private EventStore store;
  private long commitWaitMs;
  /** Replicates the current store over the swarm; a topic switch replaces it with one for the new store. */
  private Replicator replicator;
  private Future<Void> switching = Future.succeededFuture();

  public EventsVerticle() {
    this(KeystorePayloadKeys::new);
  }

  /** @param keysFactory makes the stream-key seam for this instance's Vert.x */
  public EventsVerticle(Function<Vertx, PayloadKeys> keysFactory) {
    this.keysFactory = keysFactory;
  }

  /** The log replication works on: the store of the current topic (it changes with the topic). */
  public ReplicationLog log() {
    return store;
  }

  /** Runs {@code action} on this verticle's context, where the store's methods must be called. */
  <T> Future<T> onContext(java.util.function.Supplier<Future<T>> action) {
    io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }

  @Override
  public Future<?> start() {
    String dataDir = config().getString("dataDir");
    if (dataDir == null || dataDir.isBlank()) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT,
          "The events verticle needs the data directory in its config as \"dataDir\""));
    }
    eventsDir = Path.of(dataDir, "events");
    Object wait = config().getValue("commitWaitMs", EventStore.DEFAULT_COMMIT_WAIT_MS);
    if (!(wait instanceof Number number) || number.longValue() < 1 || number.doubleValue() != number.longValue()) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT,
          "The events verticle's \"commitWaitMs\" must be a whole number of milliseconds, at least 1, not " + wait));
    }
    commitWaitMs = number.longValue();
    keys = keysFactory.apply(vertx);
    consumers.add(vertx.eventBus().<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED,
        m -> settingsChanged(EventsSettings.ofTree(m.body().settings()))));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(v -> BusRequests.<NodeIdentity>request(vertx, Addresses.KEYSTORE_IDENTITY, null, BusRequests.START_TIMEOUT_MS))
        .compose(identity -> {
          source = identity.nodeId().toString();
          return BusRequests.<JsonValue>request(vertx, Addresses.SETTINGS_GET,
              new SettingsGet(EventsSettings.SCOPE, false), BusRequests.START_TIMEOUT_MS);
        })
        .compose(value -> {
          if (settings == null) {
            settings = EventsSettings.of(value.value() instanceof JsonObject json ? json : null);
          }
          return keys.start();
        })
        .compose(v -> EventStore.open(vertx, eventsDir, settings.topic(), source, keys, commitWaitMs))
        .compose(opened -> {
          store = opened;
          replicator = new Replicator(vertx, opened);
          return replicator.start();
        })
        .compose(v -> {
          consumers.add(vertx.eventBus().<Object>consumer(Addresses.EVENTS_PUBLISH, this::publish));
          serve(Addresses.EVENTS_QUERY, request -> store.query(request));
          serve(Addresses.EVENTS_OFFSETS, request -> Future.succeededFuture(
              new JsonObject().put("present", store.present().toJson()).put("topic", store.topic())));
          serve(Addresses.EVENTS_KEYS, request -> keys.handle(request, this::publishOwn));
          return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
        });
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> unregistered = consumers.stream().map(MessageConsumer::unregister).toList();
    consumers.clear();
    return Future.join(unregistered)
        .transform(ar -> replicator == null ? Future.succeededFuture() : replicator.stop())
        .transform(ar -> inFlight.drained())
        .transform(ar -> switching)
        .transform(ar -> store == null ? Future.succeededFuture() : store.close());
  }

  /**
   * A publish: an {@link EventsPublish} (the admin API's, payloads already JSON text) is
   * answered with {@link EventsPublished}; the JSON form {@code {"events": [...]}} with its JSON.
   */
  private void publish(Message<Object> message) {
    if (message.body() instanceof EventsPublish request) {
      Future<EventsPublished> result;
      try {
        result = publish(() -> NewEvent.of(request)).map(this::published);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      answer(Addresses.EVENTS_PUBLISH, result, message);
    } else {
      handle(Addresses.EVENTS_PUBLISH, json -> publish(() -> NewEvent.parse(
          json.getValue("events") instanceof JsonArray events ? events : null, false)).map(this::publishedJson), message);
    }
  }

  /** The node's own events of reserved semantics (key grants), through the same checks and pipeline. */
  private Future<JsonObject> publishOwn(JsonArray events) {
    return publish(() -> NewEvent.parse(events, true)).map(this::publishedJson);
  }

  /** Stores the events {@code checked} gives (it throws for events that break a rule), unless the node is read-only. */
  private Future<List<StoredEvent>> publish(Supplier<List<NewEvent>> checked) {
    if (settings.readOnly()) {
      return Future.failedFuture(new AxException(ErrorCode.EVENTS_READ_ONLY, "this node is read-only"
          + " (com.actyx.os/services/eventService/readOnly is true): it replicates events but publishes none"));
    }
    return store.publish(checked.get());
  }

  private EventsPublished published(List<StoredEvent> events) {
    List<EventsPublished.Stored> stored = new ArrayList<>(events.size());
    for (StoredEvent e : events) {
      stored.add(new EventsPublished.Stored(e.semantics(), e.name(), e.offset(), e.lamport(), e.timestamp()));
    }
    return new EventsPublished(source, stored);
  }

  private JsonObject publishedJson(List<StoredEvent> events) {
    return published(events).toJson();
  }

  private void settingsChanged(EventsSettings changed) {
    EventsSettings before = settings;
    settings = changed;
    if (store != null && before != null && !changed.topic().equals(before.topic())) {
      switching = switching.transform(ar -> switchTopic(changed.topic()));
    }
  }

  /** Opens the new topic's file, serves from it, then closes the old one once its queued work is done. */
  private Future<Void> switchTopic(String topic) {
    if (topic.equals(store.topic()) || !topic.equals(settings.topic())) {
      return Future.succeededFuture();
    }
    return EventStore.open(vertx, eventsDir, topic, source, keys, commitWaitMs)
        .compose(opened -> {
          EventStore old = store;
          store = opened;
          LOG.info("event topic changed from \"{}\" to \"{}\"", old.topic(), topic);
          Replicator oldReplicator = replicator;
          replicator = new Replicator(vertx, opened);
          // the old topic's sessions end before the new ones start: peers see the stream end and reopen it
          return oldReplicator.stop().compose(v -> replicator.start()).transform(ar -> old.close());
        })
        .onFailure(e -> LOG.warn("could not switch the event store to topic \"{}\": {}", topic, e.getMessage()));
  }

  private void serve(String address, Function<JsonObject, Future<JsonObject>> operation) {
    consumers.add(vertx.eventBus().<Object>consumer(address, message -> handle(address, operation, message)));
  }

  private void handle(String address, Function<JsonObject, Future<JsonObject>> operation, Message<Object> message) {
    Future<?> result;
    Object body = message.body();
    if (body != null && !(body instanceof JsonObject)) {
      result = Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "Expected a JSON object on " + address));
    } else {
      try {
        result = operation.apply(body == null ? new JsonObject() : (JsonObject) body);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
    }
    answer(address, result, message);
  }

  /** Replies with what {@code result} completes with, or its typed failure; a stop waits for it. */
  private void answer(String address, Future<?> result, Message<Object> message) {
    inFlight.track(result).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        if (!(ar.cause() instanceof AxException)) {
          LOG.warn("events request on {} failed unexpectedly", address, ar.cause());
        }
        BusRequests.fail(message, ar.cause());
      }
    });
  }
}
