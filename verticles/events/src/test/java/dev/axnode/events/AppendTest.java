package dev.axnode.events;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.SignPurpose;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static dev.axnode.events.TestEvents.await;
import static dev.axnode.events.TestEvents.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ReplicationLog.append on the real store: verified blocks are stored, forged, changed, gapped and oversized ones refused. */
class AppendTest {

  @TempDir
  Path dir;
  private TestEvents node;
  private final Ed25519PrivateKeyParameters peerKey = new Ed25519PrivateKeyParameters(new SecureRandom());
  private final String peer = NodeId.ofPublicKey(peerKey.generatePublicKey().getEncoded()).toString();

  @BeforeEach
  void start() throws Exception {
    node = new TestEvents(dir);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void aBlockSignedByItsSourceIsStoredOnceAndRaisesTheLamportClock() throws Exception {
    append(signed(peerKey, events(peer, 0, 3, 500)));
    append(signed(peerKey, events(peer, 0, 3, 500)));
    assertEquals(2L, node.offsets().getJsonObject("present").getLong(peer));
    JsonObject own = node.publish("a", "x", 0, 1).getJsonArray("data").getJsonObject(0);
    assertTrue(own.getLong("lamport") > 502, own.encode());
    assertEquals(List.of(peer), await(node.events.onContext(() -> node.events.log().blocks(peer, 1, 100, 1 << 20)))
        .stream().map(EventBlock::source).toList());
  }

  @Test
  void blocksAreReadFromTheOneHoldingTheOffsetAndTheHeldOffsetsSurviveARestart() throws Exception {
    for (long first = 0; first < 9; first += 3) {
      append(signed(peerKey, events(peer, first, 3, 100 + first)));
    }
    assertEquals(List.of(0L, 3L, 6L), firstsFrom(0));
    assertEquals(List.of(3L, 6L), firstsFrom(4));
    assertEquals(List.of(3L, 6L), firstsFrom(5));
    assertEquals(List.of(6L), firstsFrom(6));
    assertEquals(List.of(6L), firstsFrom(8));
    assertEquals(List.of(), firstsFrom(9));
    assertEquals(List.of(3L), await(node.events.onContext(() -> node.events.log().blocks(peer, 4, 4, 1 << 20)))
        .stream().map(EventBlock::first).toList());
    node.close();
    node = new TestEvents(dir);
    assertEquals(8L, node.offsets().getJsonObject("present").getLong(peer));
    append(signed(peerKey, events(peer, 9, 2, 200)));
    assertEquals(List.of(6L, 9L), firstsFrom(7));
  }

  private List<Long> firstsFrom(long from) throws Exception {
    return await(node.events.onContext(() -> node.events.log().blocks(peer, from, 100, 1 << 20))).stream()
        .map(EventBlock::first).toList();
  }

  @Test
  void aForgedSignatureIsRefusedAndNothingStored() throws Exception {
    Ed25519PrivateKeyParameters other = new Ed25519PrivateKeyParameters(new SecureRandom());
    assertRefused(signed(other, events(peer, 0, 2, 1)), "does not verify");
  }

  @Test
  void aChangedPayloadIsRefused() throws Exception {
    EventBlock honest = signed(peerKey, events(peer, 0, 2, 1));
    List<StoredEvent> changed = new ArrayList<>(honest.events());
    StoredEvent e = changed.get(1);
    changed.set(1, new StoredEvent(e.source(), e.offset(), e.lamport(), e.timestamp(), e.semantics(), e.name(), 0,
        "{\"i\":666}".getBytes(StandardCharsets.UTF_8)));
    assertRefused(new EventBlock(peer, 0, 1, honest.signature(), changed), "does not verify");
  }

  @Test
  void aGapIsRefused() throws Exception {
    assertRefused(signed(peerKey, events(peer, 5, 2, 1)), "gap");
  }

  @Test
  void aBlockOverTheLimitsIsRefused() throws Exception {
    assertRefused(signed(peerKey, events(peer, 0, 1001, 1)), "at most 1000");
  }

  private void assertRefused(EventBlock block, String reason) throws Exception {
    String message = refused(ErrorCode.EVENTS_REJECTED, node.events.onContext(() -> node.events.log().append(block, "peer-under-test")))
        .getMessage();
    assertTrue(message.contains(reason), message);
    assertEquals(new JsonObject(), node.offsets().getJsonObject("present"));
    assertEquals(0, node.request(Addresses.EVENTS_QUERY, new JsonObject()).getJsonArray("events").size());
  }

  private void append(EventBlock block) throws Exception {
    await(node.events.onContext(() -> node.events.log().append(block, "peer-under-test")));
  }

  static List<StoredEvent> events(String source, long first, int count, long lamport) {
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new StoredEvent(source, first + i, lamport + i, 1_700_000_000_000_000L, "machines", "press",
          0, ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
    }
    return events;
  }

  static EventBlock signed(Ed25519PrivateKeyParameters key, List<StoredEvent> events) {
    String source = events.get(0).source();
    byte[] message = SignPurpose.EVENT_BLOCK.signedMessage(EventEncoding.blockDigest(source, events));
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return new EventBlock(source, events.get(0).offset(), events.get(events.size() - 1).offset(),
        signer.generateSignature(), events);
  }
}
