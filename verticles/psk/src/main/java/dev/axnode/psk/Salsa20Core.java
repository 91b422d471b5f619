package dev.axnode.psk;

/**
 * The Salsa20/20 block function and HSalsa20, on a 16-word state.
 *
 * <p>The block function keeps all sixteen words in local variables and writes the 64-byte
 * block as eight little-endian longs, so callers can XOR eight bytes at a time. HSalsa20
 * reuses it: its output words are the block's words minus the input words (the block adds
 * the input after the rounds, HSalsa20 does not).
 *
 * <p>Spec: Bernstein, "Salsa20 specification" and "Extending the Salsa20 nonce".
 */
final class Salsa20Core {

  /** "expand 32-byte k" as four little-endian words. */
  private static final int C0 = 0x61707865;
  private static final int C1 = 0x3320646e;
  private static final int C2 = 0x79622d32;
  private static final int C3 = 0x6b206574;

  static final int BLOCK = 64;

  private Salsa20Core() {
  }

  /**
   * The initial state for a 32-byte key and eight nonce words at {@code nonce[off..off+8]};
   * the block counter (words 8 and 9) starts at 0.
   */
  static int[] state(byte[] key32, byte[] nonce, int off) {
    int[] s = new int[16];
    s[0] = C0;
    s[1] = le32(key32, 0);
    s[2] = le32(key32, 4);
    s[3] = le32(key32, 8);
    s[4] = le32(key32, 12);
    s[5] = C1;
    s[6] = le32(nonce, off);
    s[7] = le32(nonce, off + 4);
    s[10] = C2;
    s[11] = le32(key32, 16);
    s[12] = le32(key32, 20);
    s[13] = le32(key32, 24);
    s[14] = le32(key32, 28);
    s[15] = C3;
    return s;
  }

  /** HSalsa20(key, in16): the 32-byte XSalsa20 subkey for {@code in[off..off+16]}. */
  static byte[] hsalsa20(byte[] key32, byte[] in, int off) {
    int[] s = state(key32, in, off);
    s[8] = le32(in, off + 8);
    s[9] = le32(in, off + 12);
    long[] block = new long[8];
    block(s, block);
    int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      int w = pick[i];
      int z = (int) (block[w >>> 1] >>> ((w & 1) << 5)) - s[w];
      out[4 * i] = (byte) z;
      out[4 * i + 1] = (byte) (z >>> 8);
      out[4 * i + 2] = (byte) (z >>> 16);
      out[4 * i + 3] = (byte) (z >>> 24);
    }
    java.util.Arrays.fill(block, 0L);
    return out;
  }

  /**
   * One 64-byte keystream block of state {@code s} into {@code out[0..8]} (little-endian
   * longs: bytes 0..7 of the block are {@code out[0]}). Does not advance the counter.
   */
  static void block(int[] s, long[] out) {
    final int j0 = s[0];
    final int j1 = s[1];
    final int j2 = s[2];
    final int j3 = s[3];
    final int j4 = s[4];
    final int j5 = s[5];
    final int j6 = s[6];
    final int j7 = s[7];
    final int j8 = s[8];
    final int j9 = s[9];
    final int j10 = s[10];
    final int j11 = s[11];
    final int j12 = s[12];
    final int j13 = s[13];
    final int j14 = s[14];
    final int j15 = s[15];
    int x0 = j0;
    int x1 = j1;
    int x2 = j2;
    int x3 = j3;
    int x4 = j4;
    int x5 = j5;
    int x6 = j6;
    int x7 = j7;
    int x8 = j8;
    int x9 = j9;
    int x10 = j10;
    int x11 = j11;
    int x12 = j12;
    int x13 = j13;
    int x14 = j14;
    int x15 = j15;
    for (int i = 0; i < 10; i++) {
      // column round: the four columns are independent chains the CPU can overlap
      x4 ^= Integer.rotateLeft(x0 + x12, 7);
      x9 ^= Integer.rotateLeft(x5 + x1, 7);
      x14 ^= Integer.rotateLeft(x10 + x6, 7);
      x3 ^= Integer.rotateLeft(x15 + x11, 7);
      x8 ^= Integer.rotateLeft(x4 + x0, 9);
      x13 ^= Integer.rotateLeft(x9 + x5, 9);
      x2 ^= Integer.rotateLeft(x14 + x10, 9);
      x7 ^= Integer.rotateLeft(x3 + x15, 9);
      x12 ^= Integer.rotateLeft(x8 + x4, 13);
      x1 ^= Integer.rotateLeft(x13 + x9, 13);
      x6 ^= Integer.rotateLeft(x2 + x14, 13);
      x11 ^= Integer.rotateLeft(x7 + x3, 13);
      x0 ^= Integer.rotateLeft(x12 + x8, 18);
      x5 ^= Integer.rotateLeft(x1 + x13, 18);
      x10 ^= Integer.rotateLeft(x6 + x2, 18);
      x15 ^= Integer.rotateLeft(x11 + x7, 18);
      // row round
      x1 ^= Integer.rotateLeft(x0 + x3, 7);
      x6 ^= Integer.rotateLeft(x5 + x4, 7);
      x11 ^= Integer.rotateLeft(x10 + x9, 7);
      x12 ^= Integer.rotateLeft(x15 + x14, 7);
      x2 ^= Integer.rotateLeft(x1 + x0, 9);
      x7 ^= Integer.rotateLeft(x6 + x5, 9);
      x8 ^= Integer.rotateLeft(x11 + x10, 9);
      x13 ^= Integer.rotateLeft(x12 + x15, 9);
      x3 ^= Integer.rotateLeft(x2 + x1, 13);
      x4 ^= Integer.rotateLeft(x7 + x6, 13);
      x9 ^= Integer.rotateLeft(x8 + x11, 13);
      x14 ^= Integer.rotateLeft(x13 + x12, 13);
      x0 ^= Integer.rotateLeft(x3 + x2, 18);
      x5 ^= Integer.rotateLeft(x4 + x7, 18);
      x10 ^= Integer.rotateLeft(x9 + x8, 18);
      x15 ^= Integer.rotateLeft(x14 + x13, 18);
    }
    out[0] = pack(x0 + j0, x1 + j1);
    out[1] = pack(x2 + j2, x3 + j3);
    out[2] = pack(x4 + j4, x5 + j5);
    out[3] = pack(x6 + j6, x7 + j7);
    out[4] = pack(x8 + j8, x9 + j9);
    out[5] = pack(x10 + j10, x11 + j11);
    out[6] = pack(x12 + j12, x13 + j13);
    out[7] = pack(x14 + j14, x15 + j15);
  }

  private static long pack(int lo, int hi) {
    return (lo & 0xffffffffL) | ((long) hi << 32);
  }

  static int le32(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }
}
