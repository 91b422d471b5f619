package dev.axnode.kernel.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the keystore may sign with the node's Ed25519 key. The keystore never signs bytes
 * handed to it as they are: a {@link SignRequest} names a purpose and carries that
 * purpose's input, and the keystore builds the signed message itself, so a verticle that
 * can reach the bus cannot make the node's key sign something that means anything else
 * (an admin challenge, an event, a handshake of another protocol).
 *
 * <p>Each purpose signs {@code prefix ‖ input} with its own ASCII prefix, and no prefix is
 * the beginning of another, so a signature made for one purpose never verifies for another.
 * A new purpose gets a new constant here, with its prefix, its input length and the
 * specification of its signed message; its name is its wire form, so constants are never
 * renamed.
 */
public enum SignPurpose {

  /**
   * The libp2p Noise handshake payload's {@code identity_sig}: input is the 32-byte X25519
   * static public key of the handshake, the signed message is
   * {@code "noise-libp2p-static-key:" ‖ key}
   * (https://github.com/libp2p/specs/blob/master/noise/README.md#signing-the-static-key).
   */
  NOISE_STATIC_KEY("noise-libp2p-static-key:", 32),

  /**
   * The libp2p TLS certificate's signed-key extension: input is the DER SubjectPublicKeyInfo
   * of the certificate's ECDSA P-256 key (91 bytes, uncompressed point, named curve), the
   * signed message is {@code "libp2p-tls-handshake:" ‖ spki}
   * (https://github.com/libp2p/specs/blob/master/tls/tls.md#libp2p-public-key-extension).
   */
  TLS_CERT_KEY("libp2p-tls-handshake:", 91),

  /**
   * A block of events of the node's own stream: input is the block's 32-byte SHA-256 digest
   * ({@code dev.axnode.events.model.EventEncoding#blockDigest}), the signed message is
   * {@code "ax-events-block:" ‖ digest}. Receivers verify it before storing a replicated block.
   */
  EVENT_BLOCK("ax-events-block:", 32);

  private final byte[] prefix;
  private final int inputLength;

  SignPurpose(String prefix, int inputLength) {
    this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
    this.inputLength = inputLength;
  }

  /** The number of bytes the input of this purpose must have. */
  public int inputLength() {
    return inputLength;
  }

  /**
   * The bytes to sign for {@code input}: the purpose's prefix and the input. Throws
   * IllegalArgumentException, saying why, for a missing input or one of the wrong length.
   */
  public byte[] signedMessage(byte[] input) {
    if (input == null) {
      throw new IllegalArgumentException("a " + this + " sign request needs its " + inputLength + "-byte input");
    }
    if (input.length != inputLength) {
      throw new IllegalArgumentException("the input of a " + this + " sign request has " + inputLength
          + " bytes, not " + input.length);
    }
    byte[] message = Arrays.copyOf(prefix, prefix.length + inputLength);
    System.arraycopy(input, 0, message, prefix.length, inputLength);
    return message;
  }

  /** The purpose named {@code name}, or null for a name this node does not know (e.g. from a newer peer JVM). */
  public static SignPurpose byName(String name) {
    for (SignPurpose purpose : values()) {
      if (purpose.name().equals(name)) {
        return purpose;
      }
    }
    return null;
  }
}
