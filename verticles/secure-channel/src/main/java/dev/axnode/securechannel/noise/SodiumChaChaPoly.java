package dev.axnode.securechannel.noise;

import dev.axnode.sodium.NativeMemory;
import dev.axnode.sodium.Sodium;
import io.netty.buffer.ByteBuf;

/**
 * AEAD_CHACHA20_POLY1305 for transport messages on libsodium (about 0.9 GB/s per core here,
 * two to three times the JDK's cipher on a machine without AVX-512). The key and the
 * Noise nonce ({@code 00000000 ‖ le64(n)}) live in native memory; messages go through the
 * per-thread scratch block of {@link NativeMemory}. One instance per direction.
 */
final class SodiumChaChaPoly {

  private static final int NONCE_AT = 0;
  private static final int COUNTER_AT = 4;
  private static final int KEY_AT = ChaChaPoly.NONCE_LENGTH;

  private final NativeMemory.Block memory = NativeMemory.allocate(KEY_AT + ChaChaPoly.KEY_LENGTH);
  private final long nonceAddress = memory.address() + NONCE_AT;
  private final long keyAddress = memory.address() + KEY_AT;

  SodiumChaChaPoly(byte[] key) {
    memory.put(KEY_AT, key);
  }

  /** Seals {@code length} bytes of {@code in} into {@code length + 16} bytes of {@code out}. */
  void seal(long nonce, ByteBuf in, int inIndex, int length, ByteBuf out, int outIndex) {
    memory.putLongLittleEndian(COUNTER_AT, nonce);
    NativeMemory.throughScratch(in, inIndex, length, out, outIndex, length + ChaChaPoly.TAG_LENGTH, scratch -> {
      Sodium.chacha20poly1305Seal(scratch, scratch, length, nonceAddress, keyAddress);
      return 0;
    });
  }

  /** Opens {@code length} bytes of {@code in} into {@code length - 16} bytes of {@code out}; false if the tag is wrong. */
  boolean open(long nonce, ByteBuf in, int inIndex, int length, ByteBuf out, int outIndex) {
    memory.putLongLittleEndian(COUNTER_AT, nonce);
    return NativeMemory.throughScratch(in, inIndex, length, out, outIndex, length - ChaChaPoly.TAG_LENGTH,
        scratch -> Sodium.chacha20poly1305Open(scratch, scratch, length, nonceAddress, keyAddress) ? 0 : -1) >= 0;
  }

  @Override
  public String toString() {
    return "SodiumChaChaPoly(key redacted)";
  }
}
