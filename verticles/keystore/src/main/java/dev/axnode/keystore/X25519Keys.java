package dev.axnode.keystore;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The X25519 keys of an Ed25519 identity, as libsodium's {@code crypto_sign_ed25519_pk_to_curve25519}
 * and {@code …_sk_to_curve25519} derive them, so a key sealed to a node ID opens with that
 * node's own key and nothing else. Public: the Edwards {@code y} maps to the Montgomery
 * {@code u = (1 + y) / (1 - y) mod p}; private: the clamped first half of SHA-512(seed), the
 * same scalar Ed25519 signs with.
 */
final class X25519Keys {

  static final int KEY_LENGTH = 32;
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  private X25519Keys() {
  }

  /** The X25519 public key of the Ed25519 public key {@code ed}; refuses a key that is not a valid point. */
  static byte[] publicFromEd25519(byte[] ed) {
    if (ed.length != KEY_LENGTH || !Ed25519.validatePublicKeyFull(ed, 0)) {
      throw new IllegalArgumentException("not a valid Ed25519 public key");
    }
    byte[] bigEndian = reverse(ed);
    bigEndian[0] &= 0x7f; // the sign bit of x; the map uses y only
    BigInteger y = new BigInteger(1, bigEndian);
    BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
    return littleEndian32(u);
  }

  /** The X25519 private key of the 32-byte Ed25519 seed; zero it after use. */
  static byte[] secretFromEd25519Seed(byte[] seed) {
    byte[] hash = sha512(seed);
    byte[] secret = Arrays.copyOf(hash, KEY_LENGTH);
    Arrays.fill(hash, (byte) 0);
    X25519.clampPrivateKey(secret);
    return secret;
  }

  /** The public key of an X25519 private key. */
  static byte[] publicOf(byte[] secret) {
    byte[] pk = new byte[KEY_LENGTH];
    X25519.generatePublicKey(secret, 0, pk, 0);
    return pk;
  }

  private static byte[] littleEndian32(BigInteger value) {
    byte[] bigEndian = value.toByteArray();
    byte[] out = new byte[KEY_LENGTH];
    for (int i = 0; i < KEY_LENGTH && i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }

  private static byte[] sha512(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-512", e);
    }
  }
}
