package dev.axnode.securechannel.noise;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An X25519 key pair as raw 32-byte strings (RFC 7748), the Noise {@code 25519} DH functions.
 * The private half never leaves this package and never shows in {@link #toString()}.
 *
 * <p>Spec: https://www.rfc-editor.org/rfc/rfc7748 and https://noiseprotocol.org/noise.html#the-25519-dh-functions
 */
public final class X25519KeyPair {

  public static final int KEY_LENGTH = 32;

  private final byte[] privateKey;
  private final byte[] publicKey;

  private X25519KeyPair(byte[] privateKey) {
    this.privateKey = privateKey;
    this.publicKey = new byte[KEY_LENGTH];
    X25519.generatePublicKey(privateKey, 0, publicKey, 0);
  }

  public static X25519KeyPair generate(SecureRandom random) {
    byte[] privateKey = new byte[KEY_LENGTH];
    X25519.generatePrivateKey(random, privateKey);
    return new X25519KeyPair(privateKey);
  }

  /** A pair from a known private key (tests, test vectors). */
  public static X25519KeyPair fromPrivateKey(byte[] privateKey) {
    if (privateKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("an X25519 private key has 32 bytes");
    }
    return new X25519KeyPair(privateKey.clone());
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * DH(private, remote public). Rejects an all-zero result (a low-order remote point), which
   * would otherwise make the derived keys predictable, as go-libp2p's X25519 does.
   */
  byte[] dh(byte[] remotePublic) throws NoiseException {
    if (remotePublic.length != KEY_LENGTH) {
      throw new NoiseException("an X25519 public key has 32 bytes, got " + remotePublic.length);
    }
    byte[] shared = new byte[KEY_LENGTH];
    if (!X25519.calculateAgreement(privateKey, 0, remotePublic, 0, shared, 0)) {
      throw new NoiseException("invalid remote X25519 key: low-order point");
    }
    return shared;
  }

  /** The raw RFC 7748 function X25519(k, u), for the published vectors. */
  static byte[] scalarMult(byte[] scalar, byte[] u) {
    byte[] out = new byte[KEY_LENGTH];
    X25519.scalarMult(scalar, 0, u, 0, out, 0);
    return out;
  }

  @Override
  public String toString() {
    return "X25519KeyPair[public=" + HexFormat.of().formatHex(publicKey) + "]";
  }
}
