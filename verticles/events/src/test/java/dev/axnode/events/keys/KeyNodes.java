package dev.axnode.events.keys;

import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.keystore.KeystoreVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Nodes for the stream-key tests, each a real keystore verticle in its own Vert.x with a
 * {@link KeystorePayloadKeys} on it. {@link #publish} stands in for the store and replication:
 * it gives each event its source's next offset and the next lamport, and hands it to every
 * node's {@code observe}, the publisher first — except nodes that are {@link #cut}, whose
 * events wait until {@link #deliver} hands them over in the order the test chooses.
 */
final class KeyNodes implements AutoCloseable {

  /** One node: its Vert.x, the context PayloadKeys runs on, and its ID. */
  record Node(Vertx vertx, Context context, KeystorePayloadKeys keys, String id) {
  }

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Long> offsets = new HashMap<>();
  private final Map<Node, List<StoredEvent>> waiting = new HashMap<>();
  final List<StoredEvent> published = new ArrayList<>();
  private long lamport;
  private boolean failNextPublish;

  KeyNodes(Path root, String... names) throws Exception {
    for (String name : names) {
      Vertx vertx = Vertx.vertx();
      MessageCodecs.registerAll(vertx.eventBus());
      JsonObject config = new JsonObject().put("name", "keystore")
          .put("dataDir", root.resolve(name).toString()).put("scryptLog2N", 4);
      await(vertx.deployVerticle(new KeystoreVerticle(env -> null), new DeploymentOptions().setConfig(config)));
      Context context = vertx.getOrCreateContext();
      KeystorePayloadKeys keys = new KeystorePayloadKeys(vertx);
      await(on(context, keys::start));
      nodes.put(name, new Node(vertx, context, keys, await(on(context, () -> Future.succeededFuture(keys.self())))));
    }
  }

  Node node(String name) {
    return nodes.get(name);
  }

  /** From now on events reach {@code node} only through {@link #deliver}. */
  void cut(Node node) {
    waiting.putIfAbsent(node, new ArrayList<>());
  }

  /** Hands {@code node} the waiting events at {@code indexes}, in that order; the rest keep waiting. */
  void deliver(Node node, int... indexes) throws Exception {
    List<StoredEvent> queue = waiting.get(node);
    List<StoredEvent> chosen = new ArrayList<>();
    for (int i : indexes) {
      chosen.add(queue.get(i));
    }
    queue.removeAll(chosen);
    await(observe(node, chosen));
  }

  /** Hands {@code node} what still waits for it, in publish order, and reconnects it. */
  void reconnect(Node node) throws Exception {
    await(observe(node, waiting.remove(node)));
  }

  int waitingFor(Node node) {
    return waiting.getOrDefault(node, List.of()).size();
  }

  /** The next publish fails before anything is stored, as a full disk would. */
  void failNextPublish() {
    failNextPublish = true;
  }

  Future<JsonObject> publish(Node source, JsonArray events) {
    if (failNextPublish) {
      failNextPublish = false;
      return Future.failedFuture(new AxException(dev.axnode.kernel.ErrorCode.IO, "disk full"));
    }
    List<StoredEvent> stored = new ArrayList<>();
    for (Object entry : events) {
      JsonObject event = (JsonObject) entry;
      long offset = offsets.merge(source.id(), 1L, Long::sum) - 1;
      stored.add(new StoredEvent(source.id(), offset, ++lamport, 0, event.getString("semantics"),
          event.getString("name"), 0, Json.encode(event.getValue("payload")).getBytes(StandardCharsets.UTF_8)));
    }
    published.addAll(stored);
    List<Future<Void>> observed = new ArrayList<>();
    observed.add(observe(source, stored));
    for (Node node : nodes.values()) {
      if (node == source) {
        continue;
      }
      List<StoredEvent> queue = waiting.get(node);
      if (queue != null) {
        queue.addAll(stored);
      } else {
        observed.add(observe(node, stored));
      }
    }
    return Future.all(observed).map(all -> new JsonObject().put("data", new JsonArray()));
  }

  /** Observes {@code events} on the node's context and waits for the keystore accepts they started. */
  private static Future<Void> observe(Node node, List<StoredEvent> events) {
    return on(node.context(), () -> {
      events.forEach(node.keys()::observe);
      return node.keys().open(List.of()).mapEmpty();
    });
  }

  JsonObject handle(Node node, JsonObject request) throws Exception {
    return await(on(node.context(), () -> node.keys().handle(request, events -> publish(node, events))));
  }

  AxException failure(Node node, JsonObject request) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> handle(node, request));
    return AxException.from(e.getCause());
  }

  /** A request straight to the node's keystore verticle, as an attacker with its own code would send. */
  static JsonObject keystore(Node node, JsonObject request) throws Exception {
    return await(BusRequests.request(node.vertx(), Addresses.KEYSTORE_STREAMKEYS, request));
  }

  /** An event of {@code source} sealed under {@code epoch}; its header is the associated data. */
  static StoredEvent seal(Node source, String semantics, int epoch, long offset, String json) throws Exception {
    StoredEvent header = new StoredEvent(source.id(), offset, offset, 1_700_000_000_000_000L + offset, semantics,
        "press-7", epoch, new byte[0]);
    byte[] aad = EventEncoding.header(header);
    List<byte[]> sealed = await(on(source.context(), () -> source.keys().seal(semantics, epoch, List.of(aad),
        List.of(json.getBytes(StandardCharsets.UTF_8)))));
    return new StoredEvent(source.id(), offset, offset, header.timestamp(), semantics, "press-7", epoch, sealed.get(0));
  }

  static String open(Node node, StoredEvent event) throws Exception {
    byte[] plain = await(on(node.context(), () -> node.keys().open(List.of(event)))).get(0);
    return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
  }

  static int latest(Node node, String semantics) throws Exception {
    return await(on(node.context(), () -> Future.succeededFuture(node.keys().latestEpoch(semantics))));
  }

  static JsonObject create(String semantics) {
    return new JsonObject().put("op", "create").put("semantics", semantics);
  }

  static JsonObject grant(String semantics, String nodeId) {
    return new JsonObject().put("op", "grant").put("semantics", semantics).put("nodeId", nodeId);
  }

  static JsonObject rotate(String semantics) {
    return new JsonObject().put("op", "rotate").put("semantics", semantics);
  }

  /** Runs {@code call} on {@code context}, as the events verticle calls PayloadKeys. */
  static <T> Future<T> on(Context context, Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(promise));
    return promise.future();
  }

  /** Waits on the test thread (never an event loop); a lost reply fails after 10 s. */
  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (Node node : nodes.values()) {
      await(node.vertx().close());
    }
  }
}
