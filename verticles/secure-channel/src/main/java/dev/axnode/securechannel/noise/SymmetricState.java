package dev.axnode.securechannel.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise SymmetricState with SHA-256: chaining key ck, handshake hash h and a CipherState.
 *
 * <pre>
 *   HKDF(ck, ikm):  temp = HMAC(ck, ikm)
 *                   out1 = HMAC(temp, 0x01)
 *                   out2 = HMAC(temp, out1 ‖ 0x02)
 * </pre>
 *
 * <p>Spec: https://noiseprotocol.org/noise.html#the-symmetricstate-object (rev 34, 5.2) and
 * https://noiseprotocol.org/noise.html#hash-functions (4.3)
 */
final class SymmetricState {

  static final int HASH_LENGTH = 32;

  private final CipherState cipher = new CipherState();
  private byte[] chainingKey;
  private byte[] hash;

  /** InitializeSymmetric: a name of up to 32 bytes is zero-padded, a longer one hashed. */
  SymmetricState(String protocolName) {
    byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
    hash = name.length <= HASH_LENGTH ? Arrays.copyOf(name, HASH_LENGTH) : sha256(name);
    chainingKey = hash.clone();
  }

  void mixKey(byte[] inputKeyMaterial) {
    byte[][] out = hkdf(chainingKey, inputKeyMaterial);
    chainingKey = out[0];
    cipher.initializeKey(out[1]);
  }

  void mixHash(byte[] data) {
    MessageDigest digest = newSha256();
    digest.update(hash);
    digest.update(data);
    hash = digest.digest();
  }

  boolean hasKey() {
    return cipher.hasKey();
  }

  byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
    byte[] ciphertext = cipher.encryptWithAd(hash, plaintext);
    mixHash(ciphertext);
    return ciphertext;
  }

  byte[] decryptAndHash(byte[] ciphertext) throws NoiseException {
    byte[] plaintext = cipher.decryptWithAd(hash, ciphertext);
    mixHash(ciphertext);
    return plaintext;
  }

  /** The two transport ciphers: the first for initiator→responder, the second for the reverse. */
  CipherState[] split() {
    byte[][] out = hkdf(chainingKey, new byte[0]);
    return new CipherState[] {new CipherState(out[0]), new CipherState(out[1])};
  }

  byte[] handshakeHash() {
    return hash.clone();
  }

  static byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial) {
    byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
    byte[] out1 = hmac(tempKey, new byte[] {0x01});
    byte[] in2 = Arrays.copyOf(out1, HASH_LENGTH + 1);
    in2[HASH_LENGTH] = 0x02;
    byte[] out2 = hmac(tempKey, in2);
    return new byte[][] {out1, out2};
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no HmacSHA256", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    return newSha256().digest(data);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
