package dev.axnode.events.keys;

import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes A, B, C, each a real keystore verticle in its own Vert.x with a
 * {@link KeystorePayloadKeys} on it; a fake publish stands in for the store and replication:
 * it hands every grant event to all three {@code observe}s.
 */
class KeystorePayloadKeysTest {

  @TempDir
  Path root;

  private final List<Node> nodes = new ArrayList<>();
  private final List<StoredEvent> published = new ArrayList<>();

  /** One node: its Vert.x, the context PayloadKeys runs on, and its ID. */
  private record Node(Vertx vertx, Context context, KeystorePayloadKeys keys, String id) {
  }

  @BeforeEach
  void start() throws Exception {
    for (String name : List.of("a", "b", "c")) {
      Vertx vertx = Vertx.vertx();
      MessageCodecs.registerAll(vertx.eventBus());
      JsonObject config = new JsonObject().put("name", "keystore")
          .put("dataDir", root.resolve(name).toString()).put("scryptLog2N", 4);
      await(vertx.deployVerticle(new KeystoreVerticle(env -> null), new DeploymentOptions().setConfig(config)));
      Context context = vertx.getOrCreateContext();
      KeystorePayloadKeys keys = new KeystorePayloadKeys(vertx);
      await(on(context, keys::start));
      String id = await(on(context, () -> Future.succeededFuture(keysSelf(keys))));
      nodes.add(new Node(vertx, context, keys, id));
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Node node : nodes) {
      await(node.vertx().close());
    }
  }

  @Test
  void grantedNodesReadARevokedNodeReadsNothingNewAndEveryoneKnowsTheFamilyIsEncrypted() throws Exception {
    Node a = nodes.get(0);
    Node b = nodes.get(1);
    Node c = nodes.get(2);

    assertEquals(new JsonObject().put("semantics", "machine").put("keyEpoch", 1), handle(a, create("machine")));
    assertEquals(1, published.size(), "a grant to A itself");
    assertEquals(a.id(), new JsonObject(new String(published.get(0).payload(), StandardCharsets.UTF_8)).getString("recipient"));
    for (Node node : nodes) {
      assertTrue(node.keys().encrypted("machine"), "every node learns the family is encrypted");
    }
    assertFalse(b.keys().encrypted("other"));
    assertEquals(0, b.keys().latestEpoch("machine"));

    assertEquals(new JsonArray().add(1), handle(a, grant("machine", b.id())).getJsonArray("keyEpochs"));
    handle(a, grant("machine", c.id()));
    StoredEvent first = seal(a, "machine", 1, 10, "{\"temp\":21}");
    assertEquals("{\"temp\":21}", open(b, first));
    assertEquals("{\"temp\":21}", open(c, first));
    assertEquals(1, b.keys().latestEpoch("machine"));

    JsonObject rotated = handle(a, new JsonObject().put("op", "rotate").put("semantics", "machine")
        .put("revoke", new JsonArray().add(c.id())));
    assertEquals(2, rotated.getInteger("keyEpoch"));
    assertEquals(new JsonArray().add(a.id()).add(b.id()), rotated.getJsonArray("grantedTo"));
    assertEquals(new JsonArray().add(c.id()), rotated.getJsonArray("revoked"));

    StoredEvent second = seal(a, "machine", 2, 11, "{\"temp\":22}");
    assertEquals("{\"temp\":22}", open(b, second));
    assertNull(open(c, second), "C was revoked");
    assertEquals("{\"temp\":21}", open(c, first), "C keeps what it could read");
    assertEquals(1, c.keys().latestEpoch("machine"));
    assertEquals(2, b.keys().latestEpoch("machine"));

    StoredEvent tampered = new StoredEvent(second.source(), second.offset(), second.lamport(), second.timestamp(),
        second.semantics(), second.name(), second.keyEpoch(), second.payload().clone());
    tampered.payload()[20] ^= 0x01;
    StoredEvent moved = new StoredEvent(second.source(), second.offset() + 1, second.lamport(), second.timestamp(),
        second.semantics(), second.name(), second.keyEpoch(), second.payload());
    StoredEvent plain = new StoredEvent(a.id(), 12, 12, 0, "plain", "x", 0, "42".getBytes(StandardCharsets.UTF_8));
    List<byte[]> opened = await(on(b.context(), () -> b.keys().open(List.of(tampered, plain, moved, second))));
    assertNull(opened.get(0), "a changed ciphertext");
    assertArrayEquals("42".getBytes(StandardCharsets.UTF_8), opened.get(1), "plain payloads as they are");
    assertNull(opened.get(2), "ciphertext moved to another offset");
    assertEquals("{\"temp\":22}", new String(opened.get(3), StandardCharsets.UTF_8));

    assertEquals(new JsonArray().add(new JsonObject().put("semantics", "machine")
            .put("keyEpochs", new JsonArray().add(1).add(2)).put("latest", 2)),
        handle(b, new JsonObject().put("op", "ls")).getJsonArray("keys"));
  }

  @Test
  void refusesWithAClearCode() throws Exception {
    Node a = nodes.get(0);
    Node b = nodes.get(1);
    handle(a, create("machine"));
    assertEquals(ErrorCode.FILE_EXISTS, failure(a, create("machine")));
    assertEquals(ErrorCode.EVENTS_NO_KEY, failure(b, grant("machine", a.id())));
    assertEquals(ErrorCode.EVENTS_NO_KEY, failure(a, new JsonObject().put("op", "rotate").put("semantics", "none")));
    assertEquals(ErrorCode.INVALID_INPUT, failure(a, create("ax.keys")));
    assertEquals(ErrorCode.INVALID_INPUT, failure(a, grant("machine", "not a node")));
    assertEquals(ErrorCode.INVALID_INPUT, failure(a, new JsonObject().put("op", "rotate").put("semantics", "machine")
        .put("revoke", new JsonArray().add(a.id()))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(a, new JsonObject().put("op", "burn")));
    assertEquals(ErrorCode.EVENTS_NO_KEY, AxException.from(assertThrows(ExecutionException.class,
        () -> await(on(b.context(), () -> b.keys().seal("machine", 1, List.of(new byte[0]), List.of(new byte[0])))))
        .getCause()).code());
  }

  private StoredEvent seal(Node source, String semantics, int epoch, long offset, String json) throws Exception {
    StoredEvent header = new StoredEvent(source.id(), offset, offset, 1_700_000_000_000_000L + offset, semantics,
        "press-7", epoch, new byte[0]);
    byte[] aad = EventEncoding.header(header);
    List<byte[]> sealed = await(on(source.context(), () -> source.keys().seal(semantics, epoch, List.of(aad),
        List.of(json.getBytes(StandardCharsets.UTF_8)))));
    return new StoredEvent(source.id(), offset, offset, header.timestamp(), semantics, "press-7", epoch, sealed.get(0));
  }

  private static String open(Node node, StoredEvent event) throws Exception {
    byte[] plain = await(on(node.context(), () -> node.keys().open(List.of(event)))).get(0);
    return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
  }

  private JsonObject handle(Node node, JsonObject request) throws Exception {
    return await(on(node.context(), () -> node.keys().handle(request, events -> publish(node, events))));
  }

  private ErrorCode failure(Node node, JsonObject request) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> handle(node, request));
    return AxException.from(e.getCause()).code();
  }

  /** The store and replication in one: every node observes each event, the publisher first. */
  private Future<JsonObject> publish(Node source, JsonArray events) {
    List<StoredEvent> stored = new ArrayList<>();
    for (Object entry : events) {
      JsonObject event = (JsonObject) entry;
      stored.add(new StoredEvent(source.id(), published.size() + stored.size(), 0, 0, event.getString("semantics"),
          event.getString("name"), 0, Json.encode(event.getValue("payload")).getBytes(StandardCharsets.UTF_8)));
    }
    published.addAll(stored);
    List<Future<Void>> observed = new ArrayList<>();
    for (Node node : nodes) {
      observed.add(on(node.context(), () -> {
        stored.forEach(node.keys()::observe);
        return Future.succeededFuture();
      }));
    }
    return Future.all(observed).map(all -> new JsonObject().put("data", new JsonArray()));
  }

  private static String keysSelf(KeystorePayloadKeys keys) {
    return keys.self();
  }

  private static JsonObject create(String semantics) {
    return new JsonObject().put("op", "create").put("semantics", semantics);
  }

  private static JsonObject grant(String semantics, String nodeId) {
    return new JsonObject().put("op", "grant").put("semantics", semantics).put("nodeId", nodeId);
  }

  /** Runs {@code call} on {@code context}, as the events verticle calls PayloadKeys. */
  private static <T> Future<T> on(Context context, Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(promise));
    return promise.future();
  }

  /** Waits on the test thread (never an event loop); a lost reply fails after 10 s. */
  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
