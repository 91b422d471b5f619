package dev.axnode.events.store;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.EventLimits;
import dev.axnode.events.model.JsonText;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.SignPurpose;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks a replicated block before it is stored: within the limits, well formed, and signed
 * by its source (Ed25519 with the key inside the source's node ID over
 * {@code "ax-events-block:" ‖ blockDigest}). CPU work: runs on a worker thread.
 */
final class BlockVerifier {

  private BlockVerifier() {
  }

  /** Why {@code block} is refused, or null when it verifies. */
  static String refusal(EventBlock block) {
    NodeId source;
    try {
      source = NodeId.parse(block.source());
    } catch (RuntimeException e) {
      return "the source " + block.source() + " is not an Ed25519 node ID";
    }
    if (!source.toString().equals(block.source())) {
      return "the source " + block.source() + " is not written in its canonical form " + source;
    }
    if (block.size() > EventLimits.MAX_BLOCK_EVENTS) {
      return "a block of " + block.size() + " events; at most " + EventLimits.MAX_BLOCK_EVENTS;
    }
    if (Blocks.blockBytes(block.events()) > EventLimits.MAX_BLOCK_BYTES) {
      return "a block of " + Blocks.blockBytes(block.events()) + " bytes; at most " + EventLimits.MAX_BLOCK_BYTES;
    }
    for (int i = 0; i < block.size(); i++) {
      String wrong = eventRefusal(block, block.events().get(i), block.first() + i);
      if (wrong != null) {
        return wrong;
      }
    }
    if (block.signature().length != 64 || !signedBy(source, block)) {
      return "the signature of " + block.source() + "'s block " + block.first() + ".." + block.last()
          + " does not verify: forged or changed";
    }
    return null;
  }

  /** Why event {@code offset} of the block is refused, or null; the message is built only for a refusal. */
  private static String eventRefusal(EventBlock block, StoredEvent e, long offset) {
    if (!e.source().equals(block.source()) || e.offset() != offset) {
      return where(offset) + " is " + e.source() + "@" + e.offset() + ", out of place";
    }
    if (e.lamport() < 0 || e.timestamp() < 0 || e.keyEpoch() < 0) {
      return where(offset) + " has a negative lamport, timestamp or key epoch";
    }
    if (e.semantics().isEmpty() || e.name().isEmpty()
        || Blocks.utf8Length(e.semantics()) > EventLimits.MAX_TAG_BYTES
        || Blocks.utf8Length(e.name()) > EventLimits.MAX_TAG_BYTES) {
      return where(offset) + " has an empty semantics or name, or one over " + EventLimits.MAX_TAG_BYTES + " bytes";
    }
    if (e.payload().length > EventLimits.MAX_PAYLOAD_BYTES) {
      return where(offset) + " has a payload of " + e.payload().length + " bytes; at most " + EventLimits.MAX_PAYLOAD_BYTES;
    }
    if (!e.encrypted() && !JsonText.isValid(e.payload())) {
      return where(offset) + " has a plain payload that is not JSON";
    }
    return null;
  }

  private static String where(long offset) {
    return "event " + offset + " of the block";
  }

  private static boolean signedBy(NodeId source, EventBlock block) {
    byte[] message = SignPurpose.EVENT_BLOCK.signedMessage(EventEncoding.blockDigest(block.source(), block.events()));
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(source.publicKey(), 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(block.signature());
  }
}
