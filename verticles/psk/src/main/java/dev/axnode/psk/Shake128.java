package dev.axnode.psk;

/**
 * SHAKE128 (FIPS 202), just enough for {@link PnetFingerprint}: JDK 17 has no public
 * SHAKE and this keeps BouncyCastle out of the runtime classpath. Not fast; called once.
 */
final class Shake128 {

  private static final int RATE = 168;

  private static final long[] ROUND_CONSTANTS = {
      0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
      0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
      0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
      0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
      0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
      0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
  };

  /** Rotation of lane x + 5y (rho step). */
  private static final int[] ROTATIONS = {
      0, 1, 62, 28, 27,
      36, 44, 6, 55, 20,
      3, 10, 43, 25, 39,
      41, 45, 15, 21, 8,
      18, 2, 61, 56, 14,
  };

  private Shake128() {
  }

  static byte[] digest(byte[] in, int outLength) {
    long[] lanes = new long[25];
    int off = 0;
    for (; in.length - off >= RATE; off += RATE) {
      absorb(lanes, in, off);
      permute(lanes);
    }
    byte[] last = new byte[RATE];
    System.arraycopy(in, off, last, 0, in.length - off);
    last[in.length - off] ^= 0x1f; // SHAKE domain bits 1111, then pad10*1
    last[RATE - 1] ^= (byte) 0x80;
    absorb(lanes, last, 0);
    permute(lanes);
    byte[] out = new byte[outLength];
    for (int i = 0; i < outLength; i++) {
      int p = i % RATE;
      if (p == 0 && i > 0) {
        permute(lanes);
      }
      out[i] = (byte) (lanes[p >>> 3] >>> ((p & 7) << 3));
    }
    return out;
  }

  private static void absorb(long[] lanes, byte[] block, int off) {
    for (int i = 0; i < RATE / 8; i++) {
      long lane = 0;
      for (int b = 7; b >= 0; b--) {
        lane = (lane << 8) | (block[off + 8 * i + b] & 0xff);
      }
      lanes[i] ^= lane;
    }
  }

  /** Keccak-f[1600]. */
  private static void permute(long[] a) {
    long[] c = new long[5];
    long[] b = new long[25];
    for (long rc : ROUND_CONSTANTS) {
      for (int x = 0; x < 5; x++) {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      }
      for (int x = 0; x < 5; x++) {
        long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
        for (int y = 0; y < 25; y += 5) {
          a[x + y] ^= d;
        }
      }
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 5; y++) {
          b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[x + 5 * y], ROTATIONS[x + 5 * y]);
        }
      }
      for (int y = 0; y < 25; y += 5) {
        for (int x = 0; x < 5; x++) {
          a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
        }
      }
      a[0] ^= rc;
    }
  }
}
