package dev.axnode.events.keys;

import dev.axnode.events.keys.KeyNodes.Node;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.axnode.events.keys.KeyNodes.create;
import static dev.axnode.events.keys.KeyNodes.grant;
import static dev.axnode.events.keys.KeyNodes.keystore;
import static dev.axnode.events.keys.KeyNodes.latest;
import static dev.axnode.events.keys.KeyNodes.open;
import static dev.axnode.events.keys.KeyNodes.rotate;
import static dev.axnode.events.keys.KeyNodes.seal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may grant a stream key (the rule in {@link GrantBook}), with real keystores: A creates
 * "machine"; X is a swarm member with its own keystore and its own code, publishing grants it
 * crafted itself; D is a node that only B grants to.
 */
class StreamKeyAuthorityTest {

  @TempDir
  Path root;

  private KeyNodes net;
  private Node a;
  private Node b;
  private Node c;
  private Node x;

  @BeforeEach
  void start() throws Exception {
    net = new KeyNodes(root, "a", "b", "c", "d", "x");
    a = net.node("a");
    b = net.node("b");
    c = net.node("c");
    x = net.node("x");
    net.handle(a, create("machine"));
    net.handle(a, grant("machine", b.id()));
  }

  @AfterEach
  void stop() throws Exception {
    net.close();
  }

  @Test
  void anAttackersGrantOfANextEpochIsNotUsed() throws Exception {
    keystore(x, new JsonObject().put("op", "create").put("semantics", "machine"));
    keystore(x, new JsonObject().put("op", "rotate").put("semantics", "machine").put("keyEpoch", 2));
    publishCrafted(x, 2, b);

    assertEquals(1, latest(b, "machine"), "X holds no epoch 1 of A's family, so its epoch 2 does not count");
    StoredEvent fromB = seal(b, "machine", latest(b, "machine"), 5, "{\"secret\":1}");
    assertEquals("{\"secret\":1}", open(a, fromB), "B seals under A's epoch 1");
    assertNull(open(x, fromB), "which X cannot open");
    assertEquals(new JsonArray().add(1), keyEpochs(b), "B's keystore was never asked to take X's key");
  }

  @Test
  void anAttackersEpochOneGrantForAnExistingFamilyIsIgnored() throws Exception {
    keystore(x, new JsonObject().put("op", "create").put("semantics", "machine"));
    publishCrafted(x, 1, c);

    assertEquals(0, latest(c, "machine"), "C takes no key from X");
    assertEquals(0, keyEpochs(c).size());
    assertEquals(ErrorCode.FILE_EXISTS, net.failure(x, create("machine")).code(), "X cannot create it either");
    net.handle(a, grant("machine", c.id()));
    assertEquals("{\"t\":1}", open(a, seal(c, "machine", latest(c, "machine"), 6, "{\"t\":1}")));
  }

  @Test
  void aHolderMayRotateAndEveryHolderFollows() throws Exception {
    JsonObject rotated = net.handle(b, rotate("machine"));
    assertEquals(2, rotated.getInteger("keyEpoch"));
    assertEquals(new JsonArray().add(b.id()).add(a.id()), rotated.getJsonArray("grantedTo"));
    assertEquals(2, latest(a, "machine"));
    assertEquals("{\"t\":2}", open(a, seal(b, "machine", 2, 7, "{\"t\":2}")));
  }

  @Test
  void grantsArrivingBeforeTheirAuthorizingGrantCountOnceItArrives() throws Exception {
    Node d = net.node("d");
    net.cut(c);
    net.handle(a, rotate("machine"));
    net.handle(b, grant("machine", d.id()));
    net.handle(d, grant("machine", c.id()));
    assertEquals(6, net.waitingFor(c), "A's epoch 2 to A and B, B's epochs 1 and 2 to D, D's to C");

    net.deliver(c, 4, 5);
    assertEquals(0, latest(c, "machine"), "D's grants wait: C has not seen that D holds the key");
    assertEquals(0, keyEpochs(c).size());
    net.deliver(c, 2, 3);
    assertEquals(2, latest(c, "machine"), "D's grants count once B's grants to D are seen");
    net.reconnect(c);
    assertEquals(2, latest(c, "machine"));
    assertEquals("{\"t\":3}", open(c, seal(a, "machine", 2, 8, "{\"t\":3}")));
  }

  @Test
  void concurrentRotationsResolveAlikeOnEveryNode() throws Exception {
    net.handle(a, grant("machine", c.id()));
    net.cut(a);
    net.cut(b);
    net.cut(c);
    net.handle(a, rotate("machine"));
    net.handle(c, rotate("machine"));
    net.deliver(a, 0, 1, 2);
    net.deliver(b, 3, 4, 5, 0, 1, 2);
    net.deliver(c, 0, 1, 2);

    String winner = keyIds(a).getString(1);
    for (Node node : List.of(a, b, c)) {
      assertEquals(2, latest(node, "machine"), "every node uses epoch 2");
      assertEquals(winner, keyIds(node).getString(1), "A's rotation came first, so its key is epoch 2 everywhere");
    }
    StoredEvent fromC = seal(c, "machine", 2, 9, "{\"t\":4}");
    assertEquals("{\"t\":4}", open(a, fromC));
    assertEquals("{\"t\":4}", open(b, fromC));
  }

  @Test
  void aCreateWhoseGrantWasNotPublishedIsAnnouncedByTheNextCreate() throws Exception {
    net.failNextPublish();
    assertEquals(ErrorCode.IO, net.failure(c, create("press")).code());
    assertEquals(0, latest(c, "press"), "a key no grant announced is not used");

    assertEquals(new JsonObject().put("semantics", "press").put("keyEpoch", 1), net.handle(c, create("press")));
    assertEquals(1, latest(c, "press"));
    assertTrue(a.keys().encrypted("press"));
    assertEquals(ErrorCode.FILE_EXISTS, net.failure(a, create("press")).code());
  }

  /** X seals its own key of {@code epoch} to {@code victim} and publishes the grant as any node could. */
  private void publishCrafted(Node attacker, int epoch, Node victim) throws Exception {
    JsonObject sealed = keystore(attacker, new JsonObject().put("op", "seal").put("semantics", "machine")
        .put("keyEpoch", epoch).put("recipient", victim.id()));
    KeyNodes.await(net.publish(attacker, new JsonArray().add(Grant.event("machine", epoch, victim.id(),
        sealed.getString("keyId"), sealed.getString("sealed")))));
    assertNotEquals(0, net.published.size());
  }

  private static JsonArray keyEpochs(Node node) throws Exception {
    JsonArray keys = keystore(node, new JsonObject().put("op", "ls")).getJsonArray("keys");
    return keys.isEmpty() ? new JsonArray() : keys.getJsonObject(0).getJsonArray("keyEpochs");
  }

  private static JsonArray keyIds(Node node) throws Exception {
    return keystore(node, new JsonObject().put("op", "ls")).getJsonArray("keys").getJsonObject(0).getJsonArray("keyIds");
  }
}
