package dev.axnode.securechannel.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * AEAD_CHACHA20_POLY1305 (RFC 8439) on the JDK's {@code ChaCha20-Poly1305} cipher: the raw
 * primitive with a caller-supplied 96-bit nonce. {@link CipherState} builds Noise nonces on it.
 * One instance per direction, as a {@link Cipher} is not thread-safe.
 *
 * <p>Spec: https://www.rfc-editor.org/rfc/rfc8439#section-2.8
 */
final class ChaChaPoly {

  static final int KEY_LENGTH = 32;
  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;

  private Cipher cipher = newCipher();

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no ChaCha20-Poly1305 cipher", e);
    }
  }

  /** ciphertext ‖ 16-byte tag. */
  byte[] seal(SecretKey key, byte[] nonce, byte[] ad, byte[] plaintext) {
    try {
      init(Cipher.ENCRYPT_MODE, key, nonce, ad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      // only a reused key and nonce gets here: a bug in the caller, never peer input
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  byte[] open(SecretKey key, byte[] nonce, byte[] ad, byte[] ciphertext) throws NoiseException {
    checkLength(ciphertext.length);
    try {
      init(Cipher.DECRYPT_MODE, key, nonce, ad);
      return cipher.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw tampered();
    } catch (GeneralSecurityException e) {
      throw new NoiseException("decryption failed: " + e.getClass().getSimpleName());
    }
  }

  /** Seals {@code in} (empty AD) into {@code out}; returns the bytes written. */
  int seal(SecretKey key, byte[] nonce, ByteBuffer in, ByteBuffer out) {
    try {
      init(Cipher.ENCRYPT_MODE, key, nonce, null);
      return cipher.doFinal(in, out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /** Opens {@code in} (empty AD) into {@code out}; returns the bytes written. */
  int open(SecretKey key, byte[] nonce, ByteBuffer in, ByteBuffer out) throws NoiseException {
    checkLength(in.remaining());
    try {
      init(Cipher.DECRYPT_MODE, key, nonce, null);
      return cipher.doFinal(in, out);
    } catch (AEADBadTagException e) {
      throw tampered();
    } catch (GeneralSecurityException e) {
      throw new NoiseException("decryption failed: " + e.getClass().getSimpleName());
    }
  }

  private void init(int mode, SecretKey key, byte[] nonce, byte[] ad) throws GeneralSecurityException {
    cipher.init(mode, key, new IvParameterSpec(nonce));
    if (ad != null && ad.length > 0) {
      cipher.updateAAD(ad);
    }
  }

  private static void checkLength(int length) throws NoiseException {
    if (length < TAG_LENGTH) {
      throw new NoiseException("ciphertext too short: " + length + " bytes, the tag alone has 16");
    }
  }

  private NoiseException tampered() {
    // the JDK refuses to re-initialise with the key and nonce it just used, and a failed
    // decryption leaves n unchanged (Noise 5.1): start over with a fresh Cipher
    cipher = newCipher();
    return new NoiseException("decryption failed: wrong key or tampered message");
  }
}
