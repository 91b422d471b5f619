package dev.axnode.keystore;

import dev.axnode.kernel.keys.NodeId;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.SecureRandom;

/**
 * The node's Ed25519 private key. Package-private on purpose: the key never leaves the
 * keystore verticle, which signs on behalf of everyone else.
 */
final class NodeKey {

  static final int SEED_LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;
  static final int SIGNATURE_LENGTH = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

  private final Ed25519PrivateKeyParameters privateKey;
  private final NodeId nodeId;

  private NodeKey(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.nodeId = NodeId.ofPublicKey(privateKey.generatePublicKey().getEncoded());
  }

  static NodeKey generate(SecureRandom random) {
    return new NodeKey(new Ed25519PrivateKeyParameters(random));
  }

  /** The key of a 32-byte RFC 8032 seed; BouncyCastle copies it, so the caller may zero {@code seed}. */
  static NodeKey fromSeed(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
    }
    return new NodeKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  NodeId nodeId() {
    return nodeId;
  }

  byte[] publicKey() {
    return nodeId.publicKey();
  }

  /** A fresh copy of the seed, only for sealing it into the keystore file; zero it after use. */
  byte[] seed() {
    return privateKey.getEncoded();
  }

  /** The 64-byte Ed25519 (pure, no context) signature of {@code message}. */
  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Names the public half only, so a stray log line cannot leak the key. */
  @Override
  public String toString() {
    return "NodeKey[" + nodeId + "]";
  }
}
