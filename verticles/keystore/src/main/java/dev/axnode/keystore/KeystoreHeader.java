package dev.axnode.keystore;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/** The keystore header (see the diagram in {@link KeystoreCodec}): everything before the ciphertext. */
record KeystoreHeader(ScryptParams kdf, byte[] salt, byte[] nonce) {

  static final byte[] MAGIC = {'A', 'X', 'K', 'S'};
  static final int VERSION_OFFSET = 4;
  static final byte VERSION = 1;
  static final byte KDF_SCRYPT = 1;
  static final byte AEAD_AES_256_GCM = 1;
  static final int SALT_LENGTH = 16;
  static final int NONCE_LENGTH = 12;
  static final int LENGTH = MAGIC.length + 5 + SALT_LENGTH + 1 + NONCE_LENGTH;

  /** A header with a new random salt and nonce: each write gets both afresh. */
  static KeystoreHeader fresh(ScryptParams kdf, SecureRandom random) {
    byte[] salt = new byte[SALT_LENGTH];
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    return new KeystoreHeader(kdf, salt, nonce);
  }

  byte[] encode() {
    return ByteBuffer.allocate(LENGTH)
        .put(MAGIC).put(VERSION)
        .put(KDF_SCRYPT).put((byte) kdf.log2N()).put((byte) kdf.r()).put((byte) kdf.p()).put(salt)
        .put(AEAD_AES_256_GCM).put(nonce)
        .array();
  }

  /** Reads the header of {@code file}, whose magic, version and length were already checked. */
  static KeystoreHeader parse(byte[] file) throws KeystoreFormatException {
    ByteBuffer in = ByteBuffer.wrap(file, VERSION_OFFSET + 1, LENGTH - VERSION_OFFSET - 1);
    int kdfId = in.get() & 0xff;
    if (kdfId != KDF_SCRYPT) {
      throw KeystoreFormatException.damaged("unknown key derivation function " + kdfId);
    }
    ScryptParams kdf = new ScryptParams(in.get() & 0xff, in.get() & 0xff, in.get() & 0xff);
    String problem = kdf.problem();
    if (problem != null) {
      throw KeystoreFormatException.damaged(problem);
    }
    byte[] salt = new byte[SALT_LENGTH];
    in.get(salt);
    int aeadId = in.get() & 0xff;
    if (aeadId != AEAD_AES_256_GCM) {
      throw KeystoreFormatException.damaged("unknown cipher " + aeadId);
    }
    byte[] nonce = new byte[NONCE_LENGTH];
    in.get(nonce);
    return new KeystoreHeader(kdf, salt, nonce);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeystoreHeader h && kdf.equals(h.kdf)
        && Arrays.equals(salt, h.salt) && Arrays.equals(nonce, h.nonce);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kdf.hashCode() + Arrays.hashCode(salt)) + Arrays.hashCode(nonce);
  }

  @Override
  public String toString() {
    return "KeystoreHeader[" + kdf + "]";
  }
}
