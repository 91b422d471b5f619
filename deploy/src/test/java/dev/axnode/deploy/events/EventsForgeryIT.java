package dev.axnode.deploy.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.deploy.NodeProcess;
import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.events.replication.FrameCodec;
import dev.axnode.events.replication.ReplicationFrame;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.keys.SwarmKey;
import dev.axnode.kernel.message.SignPurpose;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: a swarm member with the RIGHT swarm key (pnet, Noise with its own Ed25519 identity,
 * yamux, {@code /ax/events/1.0.0}, all from Java) attacks node A with replication frames: a block
 * claiming B's source but signed with its own key, a real block of B with one payload byte
 * changed, a real sealed block of B with its ciphertext changed, and garbage frames. Each is
 * refused: nothing is stored (A's offsets as before), one WARN naming the forger, an ERROR frame
 * and a reset of that stream, the connection itself kept; and A goes on serving: its event API
 * answers and B, a legitimate node, replicates its whole log to it afterwards.
 */
class EventsForgeryIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String PLAIN = "com.example.plain";
  private static final String SECRET = "com.example.secret";

  private final SecureRandom random = new SecureRandom();
  private final SwarmKey swarmKey = SwarmKey.generate(random);
  private final Ed25519PrivateKeyParameters forgerKey = new Ed25519PrivateKeyParameters(random);
  private final String forgerId = NodeId.ofPublicKey(forgerKey.generatePublicKey().getEncoded()).toString();
  private int refusals;

  @Test
  void forgedChangedTamperedAndGarbageAreRefused(@TempDir Path dir) throws Exception {
    try (NodeProcess b = NodeProcess.start(dir.resolve("b")); NodeProcess a = NodeProcess.start(dir.resolve("a"))) {
      CrashHttp httpB = joinSwarm(b);
      CrashHttp httpA = joinSwarm(a);
      httpB.publish(events(PLAIN, 3));
      // the key's own grant to B is an ax.keys event: B's log is plain 0..2, the grant 3, sealed 4..5
      httpB.admin("/api/v1/events/keys/create", new JsonObject().put("semantics", SECRET));
      httpB.publish(events(SECRET, 2));
      List<EventBlock> real = harvest(b, httpB.offsets().getString("topic"));
      assertEquals(3, real.size(), "B's log is three blocks: " + real);
      EventBlock sealed = real.get(2);
      assertTrue(sealed.events().get(0).encrypted(), "B seals its " + SECRET + " payloads");
      String topic = httpA.offsets().getString("topic");
      try (ForgerPeer forger = ForgerPeer.connect(a.swarmPort(), swarmKey, forgerKey, NodeId.parse(a.nodeId()))) {
        Attack attack = new Attack(forger, a, httpA, topic);
        attack.refused("a block of B signed by the forger", forgedBlock(b.nodeId()));
        attack.refused("a real block of B with one payload byte changed", changed(real.get(0), 0, firstDigit(real.get(0))));
        relay(forger, topic, real.subList(0, 2), httpA, b.nodeId());
        attack.refused("a sealed block of B with its ciphertext changed", changed(sealed, 1, 20));
        attack.refusedBytes("a frame of an unknown type", new byte[] {3, 0x7f, 0, 0});
        attack.refusedBytes("a frame length above the limit", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        assertNull(forger.closedReason(), "a refused stream leaves the forger's connection open");
      }
      assertEquals(refusals, warningsNaming(a, forgerId), "one WARN per refusal naming the forger:\n" + a.logText());
      assertTrue(a.logText().contains(forgerId), "the log names the forger");
      legitReplicationStillWorks(a, httpA, b, httpB);
    }
  }

  private CrashHttp joinSwarm(NodeProcess node) throws Exception {
    CrashHttp http = new CrashHttp(node.eventsPort(), node.httpPort());
    http.putSetting("com.actyx.os/general/swarmKey", "\"" + swarmKey.toSettingValue() + "\"");
    return http;
  }

  private static JsonArray events(String semantics, int count) {
    JsonArray data = new JsonArray();
    for (int i = 0; i < count; i++) {
      data.add(new JsonObject().put("semantics", semantics).put("name", "n-" + i)
          .put("payload", new JsonObject().put("qty", 1 + i).put("item", "bolt")));
    }
    return data;
  }

  /** The forger pulls B's whole log as any swarm member may: HELLO, WANT B from 0, the blocks until DONE. */
  private List<EventBlock> harvest(NodeProcess b, String topic) throws Exception {
    try (ForgerPeer peer = ForgerPeer.connect(b.swarmPort(), swarmKey, forgerKey, NodeId.parse(b.nodeId()))) {
      long stream = peer.openReplication(TIMEOUT);
      peer.sendFrame(stream, new ReplicationFrame.Hello(FrameCodec.VERSION, topic, OffsetMap.EMPTY));
      assertTrue(peer.nextFrame(stream, TIMEOUT) instanceof ReplicationFrame.Hello, "B greets first");
      peer.sendFrame(stream, new ReplicationFrame.Want(b.nodeId(), 0, 1000));
      List<EventBlock> blocks = new ArrayList<>();
      for (ReplicationFrame frame = peer.nextFrame(stream, TIMEOUT); !(frame instanceof ReplicationFrame.Done);
          frame = peer.nextFrame(stream, TIMEOUT)) {
        if (frame instanceof ReplicationFrame.Block block) {
          blocks.add(block.block());
        }
      }
      return blocks;
    }
  }

  /** Offset 0 of B's source, signed with the forger's key instead of B's. */
  private ReplicationFrame forgedBlock(String victim) {
    byte[] payload = "{\"qty\":1000,\"item\":\"gold\"}".getBytes(StandardCharsets.UTF_8);
    List<StoredEvent> events = List.of(new StoredEvent(victim, 0, 1, System.currentTimeMillis() * 1000, PLAIN,
        "forged", 0, payload));
    byte[] message = SignPurpose.EVENT_BLOCK.signedMessage(EventEncoding.blockDigest(victim, events));
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, forgerKey);
    signer.update(message, 0, message.length);
    return new ReplicationFrame.Block(new EventBlock(victim, 0, 0, signer.generateSignature(), events));
  }

  /** {@code block} with byte {@code at} of event {@code index}'s payload changed, its signature kept. */
  private static ReplicationFrame changed(EventBlock block, int index, int at) {
    List<StoredEvent> events = new ArrayList<>(block.events());
    StoredEvent e = events.get(index);
    byte[] payload = e.payload().clone();
    payload[at] = (byte) (payload[at] == '9' ? '8' : payload[at] + 1);
    events.set(index, new StoredEvent(e.source(), e.offset(), e.lamport(), e.timestamp(), e.semantics(), e.name(),
        e.keyEpoch(), payload));
    return new ReplicationFrame.Block(new EventBlock(block.source(), block.first(), block.last(), block.signature(), events));
  }

  /** Where the first digit of the first payload is: changing it keeps the JSON valid, only the signature tells. */
  private static int firstDigit(EventBlock block) {
    byte[] payload = block.events().get(0).payload();
    for (int i = 0; i < payload.length; i++) {
      if (payload[i] >= '0' && payload[i] <= '9') {
        return i;
      }
    }
    throw new AssertionError("no digit in " + new String(payload, StandardCharsets.UTF_8));
  }

  /** The forger relays B's genuine blocks: relaying is allowed, so A stores them (up to B's sealed block). */
  private static void relay(ForgerPeer forger, String topic, List<EventBlock> genuine, CrashHttp httpA, String source)
      throws Exception {
    long stream = forger.openReplication(TIMEOUT);
    forger.sendFrame(stream, new ReplicationFrame.Hello(FrameCodec.VERSION, topic, OffsetMap.EMPTY));
    for (EventBlock block : genuine) {
      forger.sendFrame(stream, new ReplicationFrame.Block(block));
    }
    long last = genuine.get(genuine.size() - 1).last();
    CrashHttp.await("A stores B's genuine blocks relayed by the forger", TIMEOUT, () -> httpA.highest(source) == last);
  }

  private static long warningsNaming(NodeProcess node, String peer) {
    return node.logText().lines().filter(l -> l.contains(" WARN ") && l.contains(peer)).count();
  }

  /** B joins A as a bootstrap node: A gets all of B's log, sealed events with the marker (A has no key). */
  private static void legitReplicationStillWorks(NodeProcess a, CrashHttp httpA, NodeProcess b, CrashHttp httpB)
      throws Exception {
    JsonObject published = httpA.publish(new JsonArray().add(new JsonObject().put("semantics", PLAIN)
        .put("name", "after").put("payload", "still serving"))).getJsonObject(0);
    assertEquals(0L, published.getLong("offset"), "A publishes after the attacks");
    httpA.putSetting("com.actyx.os/general/bootstrapNodes", new JsonArray().add(b.swarmAddress()).encode());
    long highestB = httpB.highest(b.nodeId());
    CrashHttp.await("A replicates B's whole log", Duration.ofSeconds(60), () -> httpA.highest(b.nodeId()) == highestB);
    CrashHttp.await("B replicates A's event", Duration.ofSeconds(60), () -> httpB.highest(a.nodeId()) == 0);
    List<JsonObject> atA = httpA.query(new JsonObject().put("order", "source")
        .put("filter", new JsonObject().put("source", b.nodeId())));
    List<JsonObject> atB = httpB.query(new JsonObject().put("order", "source")
        .put("filter", new JsonObject().put("source", b.nodeId())));
    assertEquals(atB.size(), atA.size(), "A holds B's log");
    for (int i = 0; i < atA.size(); i++) {
      JsonObject mine = atA.get(i);
      if (!SECRET.equals(mine.getJsonObject("stream").getString("semantics"))) {
        assertEquals(atB.get(i), mine, "B's plain event " + i + " at A as B has it");
      } else {
        assertFalse(mine.containsKey("payload"), "A has no key for " + SECRET + ": " + mine);
        assertTrue(mine.containsKey("sealed"), "the sealed marker: " + mine);
      }
    }
  }

  /** One attack after the other on fresh streams of the forger's one connection to A. */
  private final class Attack {
    private final ForgerPeer forger;
    private final NodeProcess node;
    private final CrashHttp http;
    private final String topic;

    Attack(ForgerPeer forger, NodeProcess node, CrashHttp http, String topic) {
      this.forger = forger;
      this.node = node;
      this.http = http;
      this.topic = topic;
    }

    void refused(String what, ReplicationFrame frame) throws Exception {
      refusedBytes(what, FrameCodec.encode(frame).getBytes());
    }

    /** Greets, sends {@code bytes}, and requires an ERROR, a reset, one WARN naming the forger, offsets unchanged. */
    void refusedBytes(String what, byte[] bytes) throws Exception {
      JsonObject before = http.offsets();
      long stream = forger.openReplication(TIMEOUT);
      forger.sendFrame(stream, new ReplicationFrame.Hello(FrameCodec.VERSION, topic, OffsetMap.EMPTY));
      assertTrue(forger.nextFrame(stream, TIMEOUT) instanceof ReplicationFrame.Hello, "A greets: " + what);
      forger.sendBytes(stream, bytes);
      ReplicationFrame answer = forger.nextFrame(stream, TIMEOUT);
      while (!(answer instanceof ReplicationFrame.Error)) {
        answer = forger.nextFrame(stream, TIMEOUT);
      }
      assertTrue(forger.awaitEnded(stream, TIMEOUT), "A ends the stream after " + what);
      refusals++;
      CrashHttp.await("a WARN naming the forger for " + what, TIMEOUT, () -> warningsNaming(node, forgerId) >= refusals);
      assertEquals(refusals, warningsNaming(node, forgerId), "logged once: " + what + "\n" + node.logText());
      assertEquals(before, http.offsets(), "nothing stored of " + what + " (" + answer + ")");
    }
  }
}
