package dev.axnode.events.replication;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.SignPurpose;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A publishing node in tests: its own Ed25519 key and stream, blocks signed as the keystore would sign them. */
final class TestSource {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);
  final String id = NodeId.ofPublicKey(key.generatePublicKey().getEncoded()).toString();
  private long next;
  private long lamport;

  /** The next {@code count} events of this source as signed blocks of {@code perBlock}. */
  List<EventBlock> blocks(int count, int perBlock) {
    List<EventBlock> blocks = new ArrayList<>();
    for (int done = 0; done < count; done += perBlock) {
      int size = Math.min(perBlock, count - done);
      List<StoredEvent> events = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        long offset = next++;
        byte[] payload = ("{\"n\":" + offset + ",\"text\":\"a payload of some forty bytes\"}").getBytes(StandardCharsets.UTF_8);
        events.add(new StoredEvent(id, offset, ++lamport, 1_700_000_000_000_000L + offset, "machine", "press-7", 0, payload));
      }
      blocks.add(sign(events));
    }
    return blocks;
  }

  /** {@code events} signed by this source (they may be changed ones: a forged block). */
  EventBlock sign(List<StoredEvent> events) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    byte[] message = SignPurpose.EVENT_BLOCK.signedMessage(EventEncoding.blockDigest(id, events));
    signer.update(message, 0, message.length);
    return new EventBlock(id, events.get(0).offset(), events.get(events.size() - 1).offset(),
        signer.generateSignature(), events);
  }

  /** Whether {@code block} verifies as its source's: the check every receiver makes. */
  static boolean verifies(EventBlock block) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(NodeId.parse(block.source()).publicKey()));
    byte[] message = SignPurpose.EVENT_BLOCK.signedMessage(EventEncoding.blockDigest(block.source(), block.events()));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(block.signature());
  }
}
