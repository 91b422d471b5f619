package dev.axnode.events;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventEncoding;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.SignPurpose;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.axnode.events.TestEvents.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many publishes at once through the pipelined group commit: every request gets a
 * contiguous run of offsets, the log stays gap-free, each event sits at the offset its
 * reply named, Lamport times rise with the offsets and every stored block verifies. Also with
 * a second events verticle writing the same file (as during a swap), whose groups go stale
 * and are prepared again.
 */
class ConcurrentPublishTest {

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
  void concurrentRequestsGetContiguousGapFreeOffsetsAndSignedBlocks() throws Exception {
    int total = publishAll(120);
    assertStoredAsAcknowledged(total);
    List<EventBlock> blocks = await(node.events.onContext(() -> node.events.log().blocks(node.nodeId, 0, total, 1 << 20)));
    assertEquals(total, blocks.stream().mapToInt(EventBlock::size).sum());
    byte[] publicKey = NodeId.parse(node.nodeId).publicKey();
    for (EventBlock block : blocks) {
      byte[] message = SignPurpose.EVENT_BLOCK.signedMessage(EventEncoding.blockDigest(node.nodeId, block.events()));
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      verifier.update(message, 0, message.length);
      assertTrue(verifier.verifySignature(block.signature()), "block " + block.first() + ".." + block.last());
    }
  }

  @Test
  void twoInstancesOnOneFileLoseNothingAndLeaveNoGap() throws Exception {
    String second = await(node.vertx.deployVerticle(new EventsVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put("dataDir", dir.toAbsolutePath().toString()))));
    int total = publishAll(60);
    // Each instance knows only what it wrote itself; a fresh one reads what the file holds.
    await(node.vertx.undeploy(second));
    node.stopEvents();
    node.startEvents();
    assertStoredAsAcknowledged(total);
  }

  /**
   * Eight clients that each publish one event again as soon as they are answered: the writer
   * waits for the clients it has just answered, so a commit holds all eight (one signed block),
   * not the first to come back alone and the other seven in the next (1, 7, 1, 7…: one block
   * per four events, 90 blocks here before the wait). The wait is long here (200 ms), so that
   * a slow moment of a busy build machine cannot end it early; the node's default is 1 ms.
   */
  @Test
  void clientsThatSendAgainWhenAnsweredShareCommits() throws Exception {
    node.stopEvents();
    node.startEvents(new JsonObject().put("commitWaitMs", 200));
    int clients = 8;
    int rounds = 40;
    List<Future<Void>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(publishInTurn(c, rounds));
    }
    await(Future.all(done));
    int total = clients * rounds;
    List<EventBlock> blocks = await(node.events.onContext(() -> node.events.log().blocks(node.nodeId, 0, total, 1 << 20)));
    assertEquals(total, blocks.stream().mapToInt(EventBlock::size).sum());
    assertTrue(blocks.size() <= rounds + 8, blocks.size() + " blocks for " + total + " events");
  }

  @Test
  void aCommitWaitBelowOneMillisecondIsRefusedAtStart() throws Exception {
    node.stopEvents();
    for (Object wait : List.of(0, -5, 1.5, "soon")) {
      Exception refused = assertThrows(Exception.class, () -> node.startEvents(new JsonObject().put("commitWaitMs", wait)));
      assertTrue(refused.getMessage().contains("\"commitWaitMs\" must be a whole number of milliseconds, at least 1"),
          refused.getMessage());
    }
    node.startEvents();
  }

  /** {@code rounds} single-event publishes by one client, each sent once the one before it is answered. */
  private Future<Void> publishInTurn(int client, int rounds) {
    Future<Void> chain = Future.succeededFuture();
    for (int r = 0; r < rounds; r++) {
      JsonObject event = new JsonObject().put("semantics", "s").put("name", "client" + client).put("payload", r);
      chain = chain.compose(v -> BusRequests.<JsonObject>request(node.vertx, Addresses.EVENTS_PUBLISH,
          new JsonObject().put("events", new JsonArray().add(event)), 60_000).mapEmpty());
    }
    return chain;
  }

  /** Publishes {@code requests} requests of 1 to 17 events, all at once; payload "i" = a running number. */
  private int publishAll(int requests) throws Exception {
    List<Future<JsonObject>> replies = new ArrayList<>();
    int next = 0;
    for (int r = 0; r < requests; r++) {
      JsonArray events = new JsonArray();
      for (int k = 0; k < r % 17 + 1; k++) {
        events.add(new JsonObject().put("semantics", "s").put("name", "n" + r % 3).put("payload", new JsonObject().put("i", next++)));
      }
      replies.add(BusRequests.request(node.vertx, Addresses.EVENTS_PUBLISH, new JsonObject().put("events", events), 60_000));
    }
    await(Future.all(replies));
    acknowledged.clear();
    int counter = 0;
    for (Future<JsonObject> reply : replies) {
      JsonArray data = reply.result().getJsonArray("data");
      for (int k = 0; k < data.size(); k++) {
        long offset = data.getJsonObject(k).getLong("offset");
        assertEquals(data.getJsonObject(0).getLong("offset") + k, offset, "one request's offsets are contiguous");
        acknowledged.put(offset, counter++);
      }
    }
    return next;
  }

  private final Map<Long, Integer> acknowledged = new HashMap<>();

  /** All {@code total} events are held at offsets 0..total-1, each with the payload its reply named, Lamport rising. */
  private void assertStoredAsAcknowledged(int total) throws Exception {
    assertEquals(total, acknowledged.size());
    assertEquals(new JsonObject().put(node.nodeId, (long) total - 1), node.offsets().getJsonObject("present"));
    JsonObject query = new JsonObject().put("order", "source").put("limit", 1000);
    long expected = 0;
    long lamport = -1;
    while (true) {
      JsonObject page = node.request(Addresses.EVENTS_QUERY, query);
      for (Object item : page.getJsonArray("events")) {
        JsonObject event = (JsonObject) item;
        assertEquals(expected, event.getLong("offset"));
        assertEquals(acknowledged.get(expected), event.getJsonObject("payload").getInteger("i"), "offset " + expected);
        assertTrue(event.getLong("lamport") > lamport, "lamport rises with the offset at " + expected);
        lamport = event.getLong("lamport");
        expected++;
      }
      if (page.getValue("next") == null) {
        break;
      }
      query.put("after", page.getValue("next"));
    }
    assertEquals(total, expected);
  }
}
