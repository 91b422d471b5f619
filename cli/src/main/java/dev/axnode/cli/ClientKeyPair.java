package dev.axnode.cli;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The CLI's own Ed25519 identity, which the secure admin API checks against
 * {@code authorizedKeys}. Text form of the public key: {@code 0} ‖ base64 of the 32 bytes
 * (45 characters, the {@code 0} tags the key type), as the node's settings take it. The
 * private half never shows in {@link #toString()}.
 */
final class ClientKeyPair {

  static final int KEY_LENGTH = 32;
  static final String KEY_TYPE_TAG = "0";

  private final byte[] seed;
  private final byte[] publicKey;

  private ClientKeyPair(byte[] seed) {
    this.seed = seed;
    this.publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
  }

  static ClientKeyPair generate(SecureRandom random) {
    byte[] seed = new byte[KEY_LENGTH];
    random.nextBytes(seed);
    return new ClientKeyPair(seed);
  }

  /** The pair of a 32-byte RFC 8032 private key (the seed). */
  static ClientKeyPair fromSeed(byte[] seed) {
    if (seed.length != KEY_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, not " + seed.length);
    }
    return new ClientKeyPair(seed.clone());
  }

  byte[] seed() {
    return seed.clone();
  }

  byte[] publicKey() {
    return publicKey.clone();
  }

  /** {@code 0} ‖ base64 with padding of the public key: 45 characters. */
  String publicKeyText() {
    return publicKeyText(publicKey);
  }

  static String publicKeyText(byte[] publicKey) {
    return KEY_TYPE_TAG + Base64.getEncoder().encodeToString(publicKey);
  }

  /** The 32 key bytes of a public key text, or IllegalArgumentException. */
  static byte[] parsePublicKeyText(String text) {
    if (text == null || text.length() != 45 || !text.startsWith(KEY_TYPE_TAG)) {
      throw new IllegalArgumentException("a public key is '0' and 44 base64 characters");
    }
    byte[] key = Base64.getDecoder().decode(text.substring(1));
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a public key has 32 bytes");
    }
    return key;
  }

  /** An Ed25519 signature over {@code message} (the Noise static key binding). */
  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Same public key, compared in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ClientKeyPair pair && MessageDigest.isEqual(publicKey, pair.publicKey);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "ClientKeyPair[" + publicKeyText() + "]";
  }
}
