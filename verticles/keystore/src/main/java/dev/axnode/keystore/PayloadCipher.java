package dev.axnode.keystore;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM for event payloads: {@code nonce (12) ‖ ciphertext ‖ tag (16)}, a random nonce
 * per payload (2⁻³² collision odds are reached only after ~2³² payloads under one epoch key,
 * which rotation keeps far away), the event's header as associated data. One instance per
 * batch: it holds one JDK Cipher, re-initialised per payload. Not thread-safe.
 */
final class PayloadCipher {

  static final int NONCE = 12;
  static final int TAG = 16;

  private final Cipher cipher;
  private final SecureRandom random;

  PayloadCipher(SecureRandom random) {
    this.random = random;
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has AES/GCM", e);
    }
  }

  byte[] seal(byte[] key, byte[] aad, byte[] plaintext) {
    byte[] out = new byte[NONCE + plaintext.length + TAG];
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, 0, NONCE);
    try {
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
      cipher.updateAAD(aad);
      cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused a 32-byte key", e);
    }
  }

  /** The plaintext, or null when {@code sealed} is too short or does not authenticate under {@code key} and {@code aad}. */
  byte[] open(byte[] key, byte[] aad, byte[] sealed) {
    if (sealed.length < NONCE + TAG) {
      return null;
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, sealed, 0, NONCE));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused a 32-byte key", e);
    }
  }
}
