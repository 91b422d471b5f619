package dev.axnode.keystore;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * AES-256-GCM for event payloads: {@code nonce (12) ‖ ciphertext ‖ tag (16)}, a random nonce
 * per payload (2⁻³² collision odds are reached only after ~2³² payloads under one epoch key,
 * which rotation keeps far away), the event's header as associated data. It holds one JDK
 * Cipher, re-initialised per payload (getting a Cipher costs more than sealing a small
 * payload, so a caller keeps one for its thread). Not thread-safe.
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
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    return seal(new SecretKeySpec(key, "AES"), nonce, 0, aad, plaintext);
  }

  /**
   * Each of {@code plaintexts} sealed under {@code key} with the associated data at the same
   * index. The nonces come from one draw of the random source (a draw costs about a third of
   * sealing a 100-byte payload), each 12 bytes of it still independent and uniform.
   */
  List<byte[]> sealAll(byte[] key, List<byte[]> aads, List<byte[]> plaintexts) {
    SecretKeySpec spec = new SecretKeySpec(key, "AES");
    byte[] nonces = new byte[NONCE * plaintexts.size()];
    random.nextBytes(nonces);
    List<byte[]> sealed = new ArrayList<>(plaintexts.size());
    for (int i = 0; i < plaintexts.size(); i++) {
      sealed.add(seal(spec, nonces, i * NONCE, aads.get(i), plaintexts.get(i)));
    }
    return sealed;
  }

  private byte[] seal(SecretKeySpec key, byte[] nonces, int nonceAt, byte[] aad, byte[] plaintext) {
    byte[] out = new byte[NONCE + plaintext.length + TAG];
    System.arraycopy(nonces, nonceAt, out, 0, NONCE);
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, out, 0, NONCE));
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
