package dev.axnode.keystore;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.sodium.Sodium;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The node's Ed25519 private key. Package-private on purpose: the key never leaves the
 * keystore verticle, which signs on behalf of everyone else. Signs with libsodium once it is
 * loaded (the keystore loads it on a worker at start), else with BouncyCastle; both give the
 * same signature.
 */
final class NodeKey {

  static final int SEED_LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;
  static final int SIGNATURE_LENGTH = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

  private final Ed25519PrivateKeyParameters privateKey;
  private final NodeId nodeId;
  /** libsodium's signer, made at the first signature after libsodium has loaded. */
  private volatile SodiumSigner sodium;
  private volatile boolean destroyed;

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
    if (destroyed) {
      throw new IllegalStateException("the node key was destroyed: its keystore has stopped");
    }
    SodiumSigner fast = sodium;
    if (fast == null && Sodium.available()) {
      fast = sodiumSigner();
    }
    return fast != null ? fast.sign(message) : signWithBouncyCastle(message);
  }

  private synchronized SodiumSigner sodiumSigner() {
    if (sodium == null && !destroyed) {
      byte[] seed = seed();
      try {
        sodium = new SodiumSigner(seed);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    }
    return sodium;
  }

  /** The same signature as {@link #sign}'s, by BouncyCastle: where libsodium is not loaded, and to check it. */
  byte[] signWithBouncyCastle(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Signs no more and zeroes the native copy of the key, once the keystore stops (BouncyCastle's stays to the GC). */
  synchronized void destroy() {
    destroyed = true;
    if (sodium != null) {
      sodium.destroy();
    }
  }

  /** Names the public half only, so a stray log line cannot leak the key. */
  @Override
  public String toString() {
    return "NodeKey[" + nodeId + "]";
  }
}
