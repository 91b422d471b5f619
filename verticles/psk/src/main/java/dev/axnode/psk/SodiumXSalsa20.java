package dev.axnode.psk;

import dev.axnode.sodium.NativeMemory;
import dev.axnode.sodium.Sodium;
import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * XSalsa20 on libsodium's {@code crypto_stream_xsalsa20_xor_ic}, which starts at any
 * 64-byte block of the keystream. Whole blocks go to libsodium in one call per buffer; the
 * bytes before and after them use the one keystream block kept here, exactly as
 * {@link XSalsa20} does, so both give the same output however the stream is cut.
 *
 * <p>Not thread-safe: one instance is one direction of one connection. The key lives in
 * native memory that is wiped by nothing but the GC's release; {@link #toString()} does
 * not show it.
 */
final class SodiumXSalsa20 implements StreamXor {

  private static final int BLOCK = 64;
  private static final int NONCE_AT = 0;
  private static final int KEY_AT = XSalsa20.NONCE_LENGTH;
  private static final int KEYSTREAM_AT = KEY_AT + XSalsa20.KEY_LENGTH;

  /** nonce (24) ‖ key (32) ‖ one keystream block (64), where libsodium can read and write them. */
  private final NativeMemory.Block memory = NativeMemory.allocate(KEYSTREAM_AT + BLOCK);
  private final long nonce;
  private final long key;
  private final byte[] keystream = new byte[BLOCK];
  /** Scratch for the bytes before and after the whole blocks. */
  private final byte[] edge = new byte[BLOCK];
  /** Bytes of {@link #keystream} already used; {@code BLOCK} means none are left. */
  private int used = BLOCK;
  /** The keystream block that comes after {@link #keystream}. */
  private long nextBlock;

  SodiumXSalsa20(byte[] key32, byte[] nonce24) {
    Objects.requireNonNull(key32, "key");
    Objects.requireNonNull(nonce24, "nonce");
    if (key32.length != XSalsa20.KEY_LENGTH || nonce24.length != XSalsa20.NONCE_LENGTH) {
      throw new IllegalArgumentException("XSalsa20 needs a " + XSalsa20.KEY_LENGTH + "-byte key and a "
          + XSalsa20.NONCE_LENGTH + "-byte nonce, got " + key32.length + " and " + nonce24.length);
    }
    memory.put(NONCE_AT, nonce24);
    memory.put(KEY_AT, key32);
    nonce = memory.address() + NONCE_AT;
    key = memory.address() + KEY_AT;
  }

  @Override
  public void xor(ByteBuf buf, int index, int length) {
    Objects.checkFromIndexSize(index, length, buf.capacity());
    int done = xorFromKeystream(buf, index, length);
    int whole = (length - done) & -BLOCK;
    if (whole > 0) {
      long first = nextBlock;
      NativeMemory.inPlace(buf, index + done, whole,
          (address, piece, offset) -> Sodium.xsalsa20Xor(address, address, piece, nonce, first + offset / BLOCK, key));
      nextBlock += whole / BLOCK;
      done += whole;
    }
    if (done < length) {
      refillKeystream();
      xorFromKeystream(buf, index + done, length - done);
    }
  }

  /** XORs up to {@code length} bytes with what is left of the current block; returns how many. */
  private int xorFromKeystream(ByteBuf buf, int index, int length) {
    int n = Math.min(BLOCK - used, length);
    if (n > 0) {
      // one bulk get and set instead of a virtual getByte/setByte per byte: far less for C2 to compile
      buf.getBytes(index, edge, 0, n);
      for (int i = 0; i < n; i++) {
        edge[i] ^= keystream[used + i];
      }
      buf.setBytes(index, edge, 0, n);
      used += n;
    }
    return n;
  }

  private void refillKeystream() {
    long at = memory.address() + KEYSTREAM_AT;
    memory.zero(KEYSTREAM_AT, BLOCK);
    Sodium.xsalsa20Xor(at, at, BLOCK, nonce, nextBlock++, key);
    memory.get(KEYSTREAM_AT, keystream);
    used = 0;
  }

  @Override
  public String toString() {
    return "SodiumXSalsa20(key redacted)";
  }
}
