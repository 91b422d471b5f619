package dev.axnode.keystore;

import dev.axnode.sodium.NativeMemory;
import dev.axnode.sodium.Sodium;

/**
 * Ed25519 signatures by libsodium ({@code crypto_sign_detached}): 15 µs here against
 * BouncyCastle's 34, and the same bytes, as RFC 8032 signing is deterministic. The secret key
 * (seed ‖ public key) lives in a native block of its own, which {@link #destroy()} zeroes; the
 * signature and the message go through a second one, kept for the next signature (and
 * replaced by a larger one when a message does not fit). Signs under a lock: the keystore
 * signs on its event loop, but nothing stops a second caller.
 */
final class SodiumSigner {

  private static final int SIGNATURE_AT = 0;
  private static final int MESSAGE_AT = NodeKey.SIGNATURE_LENGTH;
  /** The signed messages are a purpose's prefix and a fixed input (a digest, a key): well under this. */
  private static final int FIRST_MESSAGE_ROOM = 256;

  private NativeMemory.Block secret = NativeMemory.allocate(64);
  private NativeMemory.Block work = NativeMemory.allocate(MESSAGE_AT + FIRST_MESSAGE_ROOM);

  /** The signer of the 32-byte {@code seed}; the caller keeps (and zeroes) its array. */
  SodiumSigner(byte[] seed) {
    work.put(MESSAGE_AT, seed);
    // the public half lands where signatures go, and is overwritten by the first one
    Sodium.ed25519KeyPairOfSeed(work.address() + SIGNATURE_AT, secret.address(), work.address() + MESSAGE_AT);
    work.zero(MESSAGE_AT, seed.length);
  }

  synchronized byte[] sign(byte[] message) {
    if (secret == null) {
      throw new IllegalStateException("the signer was destroyed");
    }
    if (MESSAGE_AT + message.length > work.size()) {
      work = NativeMemory.allocate(MESSAGE_AT + message.length);
    }
    work.put(MESSAGE_AT, message);
    Sodium.ed25519Sign(work.address() + SIGNATURE_AT, work.address() + MESSAGE_AT, message.length, secret.address());
    byte[] signature = new byte[NodeKey.SIGNATURE_LENGTH];
    work.get(SIGNATURE_AT, signature);
    return signature;
  }

  /** Zeroes the secret key; signing afterwards fails. */
  synchronized void destroy() {
    if (secret != null) {
      secret.zero(0, secret.size());
      secret = null;
    }
  }
}
