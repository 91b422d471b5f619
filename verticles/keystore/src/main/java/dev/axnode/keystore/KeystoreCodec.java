package dev.axnode.keystore;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals the node's Ed25519 seed into keystore bytes and opens them again.
 *
 * <pre>
 *  0      4     5     6     7     8     9              25    26            38                70          86
 *  +------+-----+-----+-----+-----+-----+--------------+-----+-------------+-----------------+-----------+
 *  | AXKS | ver | kdf |lg2N |  r  |  p  |  salt (16)   |aead | nonce (12)  | ciphertext (32) | tag (16)  |
 *  +------+-----+-----+-----+-----+-----+--------------+-----+-------------+-----------------+-----------+
 *  |-------------------- header = AEAD associated data --------------------|-------- sealed seed --------|
 *
 *  ver  = 1    kdf  = 1: scrypt (RFC 7914), N = 2^lg2N, 32-byte key
 *  aead = 1:   AES-256-GCM (NIST SP 800-38D), 96-bit nonce, 128-bit tag; plaintext = RFC 8032 seed
 * </pre>
 *
 * Version 1 files are exactly 86 bytes, so a truncated file is recognised before any
 * decryption. Because the header is associated data, changing any byte of it (the cost
 * parameters included) fails authentication instead of silently weakening the file.
 */
final class KeystoreCodec {

  static final int TAG_LENGTH = 16;
  static final int FILE_LENGTH = KeystoreHeader.LENGTH + NodeKey.SEED_LENGTH + TAG_LENGTH;

  private KeystoreCodec() {
  }

  /** The keystore bytes holding {@code seed}, encrypted under a key derived from {@code secret}. */
  static byte[] seal(byte[] seed, byte[] secret, ScryptParams kdf, SecureRandom random) {
    KeystoreHeader header = KeystoreHeader.fresh(kdf, random);
    byte[] headerBytes = header.encode();
    byte[] key = kdf.derive(secret, header.salt());
    try {
      byte[] sealed = aesGcm(Cipher.ENCRYPT_MODE, key, header.nonce(), headerBytes, seed, 0, seed.length);
      byte[] file = Arrays.copyOf(headerBytes, FILE_LENGTH);
      System.arraycopy(sealed, 0, file, headerBytes.length, sealed.length);
      return file;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The 32-byte seed sealed in {@code file}; the caller zeroes it after use. */
  static byte[] open(byte[] file, byte[] secret) throws KeystoreFormatException {
    checkShape(file);
    KeystoreHeader header = KeystoreHeader.parse(file);
    byte[] key = header.kdf().derive(secret, header.salt());
    try {
      return aesGcm(Cipher.DECRYPT_MODE, key, header.nonce(), Arrays.copyOf(file, KeystoreHeader.LENGTH),
          file, KeystoreHeader.LENGTH, FILE_LENGTH - KeystoreHeader.LENGTH);
    } catch (AEADBadTagException e) {
      throw KeystoreFormatException.cannotUnlock();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Magic, then version, then length: the most telling complaint about a wrong file comes first. */
  private static void checkShape(byte[] file) throws KeystoreFormatException {
    int magicSeen = Math.min(file.length, KeystoreHeader.MAGIC.length);
    if (!Arrays.equals(file, 0, magicSeen, KeystoreHeader.MAGIC, 0, magicSeen)) {
      throw KeystoreFormatException.damaged("not an ax keystore (no AXKS magic)");
    }
    if (file.length > KeystoreHeader.VERSION_OFFSET
        && file[KeystoreHeader.VERSION_OFFSET] != KeystoreHeader.VERSION) {
      throw KeystoreFormatException.damaged(
          "unsupported keystore version " + (file[KeystoreHeader.VERSION_OFFSET] & 0xff));
    }
    if (file.length != FILE_LENGTH) {
      throw KeystoreFormatException.damaged((file.length < FILE_LENGTH ? "truncated" : "has trailing bytes")
          + ": " + file.length + " bytes, a version 1 keystore has " + FILE_LENGTH);
    }
  }

  private static byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input, int offset, int length)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(input, offset, length);
  }
}
