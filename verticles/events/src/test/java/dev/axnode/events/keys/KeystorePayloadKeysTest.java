package dev.axnode.events.keys;

import dev.axnode.events.keys.KeyNodes.Node;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static dev.axnode.events.keys.KeyNodes.await;
import static dev.axnode.events.keys.KeyNodes.create;
import static dev.axnode.events.keys.KeyNodes.grant;
import static dev.axnode.events.keys.KeyNodes.on;
import static dev.axnode.events.keys.KeyNodes.open;
import static dev.axnode.events.keys.KeyNodes.seal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three nodes A, B, C with real keystores ({@link KeyNodes}): create, grant, rotate, revoke, open. */
class KeystorePayloadKeysTest {

  @TempDir
  Path root;

  private KeyNodes net;
  private Node a;
  private Node b;
  private Node c;

  @BeforeEach
  void start() throws Exception {
    net = new KeyNodes(root, "a", "b", "c");
    a = net.node("a");
    b = net.node("b");
    c = net.node("c");
  }

  @AfterEach
  void stop() throws Exception {
    net.close();
  }

  @Test
  void grantedNodesReadARevokedNodeReadsNothingNewAndEveryoneKnowsTheFamilyIsEncrypted() throws Exception {
    assertEquals(new JsonObject().put("semantics", "machine").put("keyEpoch", 1), handle(a, create("machine")));
    assertEquals(1, net.published.size(), "a grant to A itself");
    assertEquals(a.id(), new JsonObject(new String(net.published.get(0).payload(), StandardCharsets.UTF_8)).getString("recipient"));
    for (Node node : List.of(a, b, c)) {
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
    assertEquals(ErrorCode.EVENTS_NO_KEY, failure(c, new JsonObject().put("op", "rotate").put("semantics", "machine")),
        "a revoked node cannot rotate the family back to a key it knows");

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
    handle(a, create("machine"));
    assertEquals(new JsonObject().put("semantics", "machine").put("keyEpoch", 1), handle(a, create("machine")),
        "a second create by the creator answers its epoch");
    AxException taken = net.failure(b, create("machine"));
    assertEquals(ErrorCode.FILE_EXISTS, taken.code());
    assertTrue(taken.getMessage().contains(a.id()), "names the creator: " + taken.getMessage());
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

  private JsonObject handle(Node node, JsonObject request) throws Exception {
    return net.handle(node, request);
  }

  private ErrorCode failure(Node node, JsonObject request) {
    return net.failure(node, request).code();
  }
}
