package dev.axnode.cli;

import dev.axnode.securechannel.noise.NoiseIdentity;
import dev.axnode.securechannel.noise.X25519KeyPair;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the client brings to a Noise handshake: a fresh X25519 static key pair for the one
 * connection, and the libp2p payload in which the client's Ed25519 key signs it. Making one
 * is two curve operations in cold code (~10-15 ms when a command starts), so the first is
 * made ahead ({@link #prepare}) on the thread that reads the key, while Vert.x starts; every
 * connection takes its own ({@link #take}), none is used twice.
 */
record NoiseStart(X25519KeyPair staticKeys, byte[] payload) {

  private static final AtomicReference<Ahead> AHEAD = new AtomicReference<>();

  /** A new start signed by {@code key}. */
  static NoiseStart of(ClientKeyPair key) {
    X25519KeyPair staticKeys = X25519KeyPair.generate(new SecureRandom());
    byte[] signature = key.sign(NoiseIdentity.signingInput(staticKeys.publicKey()));
    return new NoiseStart(staticKeys, NoiseIdentity.signedPayload(staticKeys.publicKey(), key.publicKey(), signature));
  }

  /** Makes a start for {@code key} ahead of its connection. */
  static void prepare(ClientKeyPair key) {
    AHEAD.set(new Ahead(key, of(key)));
  }

  /** The start made ahead for {@code key}, once, or a new one. */
  static NoiseStart take(ClientKeyPair key) {
    Ahead ahead = AHEAD.getAndSet(null);
    return ahead != null && ahead.key().equals(key) ? ahead.start() : of(key);
  }

  private record Ahead(ClientKeyPair key, NoiseStart start) {
  }
}
