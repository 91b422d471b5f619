package dev.axnode.securechannel.noise;

import static dev.axnode.securechannel.noise.HandshakeToken.E;
import static dev.axnode.securechannel.noise.HandshakeToken.EE;
import static dev.axnode.securechannel.noise.HandshakeToken.ES;
import static dev.axnode.securechannel.noise.HandshakeToken.S;
import static dev.axnode.securechannel.noise.HandshakeToken.SE;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Noise HandshakeState for {@code Noise_XX_25519_ChaChaPoly_SHA256}, payloads left to the
 * caller. {@link NoiseXXHandshake} puts libp2p's payloads on top.
 *
 * <pre>
 *   XX:
 *     -&gt; e
 *     &lt;- e, ee, s, es
 *     -&gt; s, se
 * </pre>
 *
 * <p>Spec: https://noiseprotocol.org/noise.html#the-handshakestate-object (rev 34, 5.3)
 */
final class HandshakeState {

  static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
  /** Noise's limit on any message, handshake or transport. */
  static final int MAX_MESSAGE = 65535;

  private static final List<List<HandshakeToken>> XX =
      List.of(List.of(E), List.of(E, EE, S, ES), List.of(S, SE));

  private final NoiseRole role;
  private final SymmetricState symmetric = new SymmetricState(PROTOCOL_NAME);
  private final X25519KeyPair localStatic;
  private final SecureRandom random;
  private X25519KeyPair localEphemeral;
  private byte[] remoteEphemeral;
  private byte[] remoteStatic;
  private int message;
  private boolean failed;

  /**
   * @param ephemeral a fixed ephemeral key (test vectors only), or null for a fresh one
   */
  HandshakeState(NoiseRole role, byte[] prologue, X25519KeyPair localStatic,
      X25519KeyPair ephemeral, SecureRandom random) {
    this.role = role;
    this.localStatic = localStatic;
    this.localEphemeral = ephemeral;
    this.random = random;
    symmetric.mixHash(prologue);
  }

  boolean isMyTurn() {
    return !isComplete() && (message % 2 == 0) == (role == NoiseRole.INITIATOR);
  }

  boolean isComplete() {
    return message == XX.size();
  }

  /** Index of the next message, 0 to 2. */
  int messageIndex() {
    return message;
  }

  byte[] writeMessage(byte[] payload) throws NoiseException {
    checkUsable(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + payload.length);
    try {
      for (HandshakeToken token : XX.get(message)) {
        switch (token) {
          case E -> {
            if (localEphemeral == null) {
              localEphemeral = X25519KeyPair.generate(random);
            }
            byte[] e = localEphemeral.publicKey();
            out.writeBytes(e);
            symmetric.mixHash(e);
          }
          case S -> out.writeBytes(symmetric.encryptAndHash(localStatic.publicKey()));
          default -> symmetric.mixKey(dh(token));
        }
      }
      out.writeBytes(symmetric.encryptAndHash(payload));
    } catch (NoiseException e) {
      failed = true;
      throw e;
    }
    if (out.size() > MAX_MESSAGE) {
      failed = true;
      throw new NoiseException("handshake message too large: " + out.size() + " bytes, limit "
          + MAX_MESSAGE);
    }
    message++;
    return out.toByteArray();
  }

  /** Returns the decrypted payload. */
  byte[] readMessage(byte[] input) throws NoiseException {
    checkUsable(false);
    try {
      if (input.length > MAX_MESSAGE) {
        throw new NoiseException("handshake message too large: " + input.length + " bytes");
      }
      int offset = 0;
      for (HandshakeToken token : XX.get(message)) {
        switch (token) {
          case E -> {
            remoteEphemeral = slice(input, offset, X25519KeyPair.KEY_LENGTH, "ephemeral key");
            offset += X25519KeyPair.KEY_LENGTH;
            symmetric.mixHash(remoteEphemeral);
          }
          case S -> {
            int length = X25519KeyPair.KEY_LENGTH + (symmetric.hasKey() ? ChaChaPoly.TAG_LENGTH : 0);
            remoteStatic = symmetric.decryptAndHash(slice(input, offset, length, "static key"));
            offset += length;
          }
          default -> symmetric.mixKey(dh(token));
        }
      }
      byte[] payload = symmetric.decryptAndHash(Arrays.copyOfRange(input, offset, input.length));
      message++;
      return payload;
    } catch (NoiseException e) {
      failed = true;
      throw e;
    }
  }

  /** The remote static public key, once received. */
  byte[] remoteStatic() {
    return remoteStatic == null ? null : remoteStatic.clone();
  }

  byte[] handshakeHash() {
    return symmetric.handshakeHash();
  }

  /** The transport ciphers as (send, receive) for this side. */
  CipherState[] split() {
    if (!isComplete()) {
      throw new IllegalStateException("the handshake is not complete");
    }
    CipherState[] pair = symmetric.split();
    // the ephemeral keys must not outlive the handshake
    localEphemeral = null;
    return role == NoiseRole.INITIATOR ? pair : new CipherState[] {pair[1], pair[0]};
  }

  private byte[] dh(HandshakeToken token) throws NoiseException {
    boolean initiator = role == NoiseRole.INITIATOR;
    return switch (token) {
      case EE -> localEphemeral.dh(remoteEphemeral);
      case ES -> initiator ? localEphemeral.dh(remoteStatic) : localStatic.dh(remoteEphemeral);
      case SE -> initiator ? localStatic.dh(remoteEphemeral) : localEphemeral.dh(remoteStatic);
      case SS -> localStatic.dh(remoteStatic);
      default -> throw new IllegalArgumentException("not a DH token: " + token);
    };
  }

  private void checkUsable(boolean writing) {
    if (failed) {
      throw new IllegalStateException("the handshake already failed");
    }
    if (isComplete()) {
      throw new IllegalStateException("the handshake is already complete");
    }
    if (isMyTurn() != writing) {
      throw new IllegalStateException(writing ? "it is the peer's turn to send" : "it is our turn to send");
    }
  }

  private static byte[] slice(byte[] input, int offset, int length, String what) throws NoiseException {
    if (input.length - offset < length) {
      throw new NoiseException("handshake message too short: no room for the " + what);
    }
    return Arrays.copyOfRange(input, offset, offset + length);
  }
}
