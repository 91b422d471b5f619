package dev.axnode.psk;

import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The XSalsa20 stream cipher: HSalsa20 turns the key and the first 16 nonce bytes into a
 * subkey, then Salsa20/20 runs with the last 8 nonce bytes and a 64-bit block counter
 * from 0. Encryption and decryption are the same XOR.
 *
 * <p>Calls may have any length; the unused rest of a keystream block carries over to the
 * next call, so the output never depends on how the stream was cut. Whole blocks are
 * XORed eight bytes at a time (BouncyCastle's engine goes byte by byte, which is why this
 * class is several times faster).
 *
 * <p>Not thread-safe: one instance is one direction of one connection. {@link #toString()}
 * does not show the key.
 */
public final class XSalsa20 implements StreamXor {

  public static final int KEY_LENGTH = 32;
  public static final int NONCE_LENGTH = 24;

  private static final int BLOCK = Salsa20Core.BLOCK;
  private static final VarHandle ARRAY_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BUFFER_LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final int[] state;
  private final long[] keystream = new long[BLOCK / Long.BYTES];
  /** Bytes of {@link #keystream} already used; {@code BLOCK} means none are left. */
  private int used = BLOCK;

  public XSalsa20(byte[] key32, byte[] nonce24) {
    checkLength("key", key32, KEY_LENGTH);
    checkLength("nonce", nonce24, NONCE_LENGTH);
    byte[] subkey = Salsa20Core.hsalsa20(key32, nonce24, 0);
    this.state = Salsa20Core.state(subkey, nonce24, 16);
    Arrays.fill(subkey, (byte) 0);
  }

  private XSalsa20(int[] state) {
    this.state = state;
  }

  /** Plain Salsa20/20 with an 8-byte nonce (the pnet fingerprint uses it). */
  static XSalsa20 salsa20(byte[] key32, byte[] nonce8) {
    checkLength("key", key32, KEY_LENGTH);
    checkLength("nonce", nonce8, 8);
    return new XSalsa20(Salsa20Core.state(key32, nonce8, 0));
  }

  private static void checkLength(String what, byte[] bytes, int expected) {
    Objects.requireNonNull(bytes, what);
    if (bytes.length != expected) {
      throw new IllegalArgumentException("XSalsa20 " + what + " must be " + expected
          + " bytes, got " + bytes.length);
    }
  }

  /**
   * XORs {@code len} bytes of {@code in} with the keystream into {@code out}. The ranges
   * may be the same (in place) or disjoint, not shifted overlaps.
   */
  public void xor(byte[] in, int inOff, byte[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = inOff;
    int o = outOff;
    int remaining = len;
    for (; used < BLOCK && remaining > 0; remaining--) {
      out[o++] = (byte) (in[i++] ^ keystreamByte(used++));
    }
    long[] k = keystream;
    for (; remaining >= BLOCK; remaining -= BLOCK, i += BLOCK, o += BLOCK) {
      nextBlock();
      ARRAY_LONG.set(out, o, (long) ARRAY_LONG.get(in, i) ^ k[0]);
      ARRAY_LONG.set(out, o + 8, (long) ARRAY_LONG.get(in, i + 8) ^ k[1]);
      ARRAY_LONG.set(out, o + 16, (long) ARRAY_LONG.get(in, i + 16) ^ k[2]);
      ARRAY_LONG.set(out, o + 24, (long) ARRAY_LONG.get(in, i + 24) ^ k[3]);
      ARRAY_LONG.set(out, o + 32, (long) ARRAY_LONG.get(in, i + 32) ^ k[4]);
      ARRAY_LONG.set(out, o + 40, (long) ARRAY_LONG.get(in, i + 40) ^ k[5]);
      ARRAY_LONG.set(out, o + 48, (long) ARRAY_LONG.get(in, i + 48) ^ k[6]);
      ARRAY_LONG.set(out, o + 56, (long) ARRAY_LONG.get(in, i + 56) ^ k[7]);
    }
    if (remaining > 0) {
      nextBlock();
      for (used = 0; used < remaining; used++) {
        out[o + used] = (byte) (in[i + used] ^ keystreamByte(used));
      }
    }
  }

  /**
   * XORs {@code length} bytes of {@code buf} from {@code index} in place; reader and
   * writer indexes do not move. Heap, direct and composite buffers are all fine.
   */
  @Override
  public void xor(ByteBuf buf, int index, int length) {
    Objects.checkFromIndexSize(index, length, buf.capacity());
    if (length == 0) {
      return;
    }
    if (buf.hasArray()) {
      byte[] array = buf.array();
      int off = buf.arrayOffset() + index;
      xor(array, off, array, off, length);
      return;
    }
    int count = buf.nioBufferCount();
    if (count == 1) {
      xor(buf.nioBuffer(index, length));
    } else if (count > 1) {
      for (ByteBuffer part : buf.nioBuffers(index, length)) {
        xor(part);
      }
    } else {
      // a buffer with neither an array nor NIO views: go through a copy
      byte[] copy = new byte[length];
      buf.getBytes(index, copy);
      xor(copy, 0, copy, 0, length);
      buf.setBytes(index, copy);
    }
  }

  /** XORs the remaining bytes of {@code b} in place; its position and limit do not move. */
  private void xor(ByteBuffer b) {
    if (b.hasArray()) {
      int off = b.arrayOffset() + b.position();
      xor(b.array(), off, b.array(), off, b.remaining());
      return;
    }
    int p = b.position();
    int remaining = b.remaining();
    for (; used < BLOCK && remaining > 0; remaining--, p++) {
      b.put(p, (byte) (b.get(p) ^ keystreamByte(used++)));
    }
    long[] k = keystream;
    for (; remaining >= BLOCK; remaining -= BLOCK, p += BLOCK) {
      nextBlock();
      BUFFER_LONG.set(b, p, (long) BUFFER_LONG.get(b, p) ^ k[0]);
      BUFFER_LONG.set(b, p + 8, (long) BUFFER_LONG.get(b, p + 8) ^ k[1]);
      BUFFER_LONG.set(b, p + 16, (long) BUFFER_LONG.get(b, p + 16) ^ k[2]);
      BUFFER_LONG.set(b, p + 24, (long) BUFFER_LONG.get(b, p + 24) ^ k[3]);
      BUFFER_LONG.set(b, p + 32, (long) BUFFER_LONG.get(b, p + 32) ^ k[4]);
      BUFFER_LONG.set(b, p + 40, (long) BUFFER_LONG.get(b, p + 40) ^ k[5]);
      BUFFER_LONG.set(b, p + 48, (long) BUFFER_LONG.get(b, p + 48) ^ k[6]);
      BUFFER_LONG.set(b, p + 56, (long) BUFFER_LONG.get(b, p + 56) ^ k[7]);
    }
    if (remaining > 0) {
      nextBlock();
      for (used = 0; used < remaining; used++) {
        b.put(p + used, (byte) (b.get(p + used) ^ keystreamByte(used)));
      }
    }
  }

  /**
   * Fills {@link #keystream} with the next block and advances the 64-bit counter. It would
   * wrap after 2^70 bytes, which no connection reaches.
   */
  private void nextBlock() {
    Salsa20Core.block(state, keystream);
    if (++state[8] == 0) {
      state[9]++;
    }
  }

  private byte keystreamByte(int position) {
    return (byte) (keystream[position >>> 3] >>> ((position & 7) << 3));
  }

  @Override
  public String toString() {
    return "XSalsa20(key redacted)";
  }
}
