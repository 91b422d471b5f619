package dev.axnode.keystore;

import dev.axnode.sodium.Sodium;

import java.security.SecureRandom;

/**
 * libsodium's sealed box ({@code crypto_box_seal}): anyone can seal to an X25519 public key,
 * only its private key opens, and the sender stays anonymous.
 *
 * <pre>
 *   sealed = epk (32) ‖ tag (16) ‖ XSalsa20(k, nonce) ⊕ message
 *   k      = HSalsa20(X25519(esk, pk), 0¹⁶)        (crypto_box_beforenm)
 *   nonce  = BLAKE2b-192(epk ‖ pk)
 *   tag    = Poly1305(first 32 keystream bytes, ciphertext)
 * </pre>
 * https://doc.libsodium.org/public-key_cryptography/sealed_boxes
 */
interface SealedBox {

  /** Bytes a sealed box adds to its message. */
  int OVERHEAD = 48;

  /** Seals {@code message} to the X25519 public key {@code pk}. */
  byte[] seal(byte[] pk, byte[] message);

  /** The message, or null when {@code sealed} was not sealed to ({@code pk}, {@code sk}) or was changed. */
  byte[] open(byte[] sealed, byte[] pk, byte[] sk);

  /** libsodium's where it is loaded, else the pure-Java one; both read and write the same bytes. */
  static SealedBox best(SecureRandom random) {
    return Sodium.available() ? new SodiumSealedBox() : new JavaSealedBox(random);
  }
}
