package dev.axnode.securechannel.noise;

import dev.axnode.sodium.Sodium;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise CipherState: a key k (possibly empty) and a 64-bit counter n.
 *
 * <pre>
 *   ChaChaPoly nonce = 00 00 00 00 ‖ n as 8 bytes little-endian
 * </pre>
 *
 * <p>Spec: https://noiseprotocol.org/noise.html#the-cipherstate-object (rev 34, 5.1) and
 * https://noiseprotocol.org/noise.html#the-chachapoly-cipher-functions
 */
final class CipherState {

  /** 2^64-1 is reserved by the spec; as a signed long it is -1. */
  private static final long RESERVED_NONCE = -1L;

  private final ChaChaPoly aead = new ChaChaPoly();
  private final byte[] nonceBytes = new byte[ChaChaPoly.NONCE_LENGTH];
  private SecretKey key;
  /** The same key on libsodium for transport messages, made on the first one (handshake keys never need it). */
  private SodiumChaChaPoly nativeAead;
  private long nonce;

  CipherState() {
  }

  CipherState(byte[] key) {
    initializeKey(key);
  }

  void initializeKey(byte[] k) {
    key = new SecretKeySpec(k, "ChaCha20");
    nativeAead = null;
    nonce = 0;
  }

  boolean hasKey() {
    return key != null;
  }

  long nonce() {
    return nonce;
  }

  void setNonce(long n) {
    nonce = n;
  }

  byte[] encryptWithAd(byte[] ad, byte[] plaintext) throws NoiseException {
    if (key == null) {
      return plaintext.clone();
    }
    byte[] out = aead.seal(key, currentNonce(), ad, plaintext);
    nonce++;
    return out;
  }

  /** On failure n is left unchanged, as the spec requires. */
  byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws NoiseException {
    if (key == null) {
      return ciphertext.clone();
    }
    byte[] out = aead.open(key, currentNonce(), ad, ciphertext);
    nonce++;
    return out;
  }

  /** Transport encryption (empty AD): {@code length} bytes of {@code in} into {@code length + 16} of {@code out}. */
  void seal(ByteBuf in, int inIndex, int length, ByteBuf out, int outIndex) throws NoiseException {
    byte[] n = currentNonce();
    SodiumChaChaPoly sodium = nativeAead();
    if (sodium != null) {
      sodium.seal(nonce, in, inIndex, length, out, outIndex);
    } else {
      aead.seal(key, n, in.nioBuffer(inIndex, length), out.nioBuffer(outIndex, length + ChaChaPoly.TAG_LENGTH));
    }
    nonce++;
  }

  /** Transport decryption (empty AD): {@code length} bytes of {@code in} into {@code length - 16} of {@code out}. */
  void open(ByteBuf in, int inIndex, int length, ByteBuf out, int outIndex) throws NoiseException {
    byte[] n = currentNonce();
    SodiumChaChaPoly sodium = nativeAead();
    if (sodium != null) {
      if (length < ChaChaPoly.TAG_LENGTH) {
        throw new NoiseException("ciphertext too short: " + length + " bytes, the tag alone has 16");
      }
      if (!sodium.open(nonce, in, inIndex, length, out, outIndex)) {
        throw new NoiseException("decryption failed: wrong key or tampered message");
      }
    } else {
      aead.open(key, n, in.nioBuffer(inIndex, length), out.nioBuffer(outIndex, length - ChaChaPoly.TAG_LENGTH));
    }
    nonce++;
  }

  /** libsodium's AEAD under this key, or null where libsodium is not loaded. */
  private SodiumChaChaPoly nativeAead() {
    if (nativeAead == null && Sodium.available()) {
      byte[] raw = key.getEncoded();
      nativeAead = new SodiumChaChaPoly(raw);
      Arrays.fill(raw, (byte) 0);
    }
    return nativeAead;
  }

  private byte[] currentNonce() throws NoiseException {
    if (nonce == RESERVED_NONCE) {
      throw new NoiseException("nonce exhausted: this session must end");
    }
    long n = nonce;
    for (int i = 4; i < ChaChaPoly.NONCE_LENGTH; i++) {
      nonceBytes[i] = (byte) n;
      n >>>= 8;
    }
    return nonceBytes;
  }
}
