package dev.axnode.keystore;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * scrypt cost parameters (RFC 7914). They are read back from the keystore header, so they
 * are bounded before use: a tampered header must not make the node allocate gigabytes or
 * spin for minutes.
 */
record ScryptParams(int log2N, int r, int p) {

  static final int DEFAULT_LOG2N = 17;
  static final int DEFAULT_R = 8;
  static final int DEFAULT_P = 1;
  static final int MAX_LOG2N = 20;
  static final int MAX_R = 32;
  static final int MAX_P = 16;
  /**
   * scrypt needs 128·r·N bytes: the default (N=2^17, r=8, p=1, as OWASP and libsodium's
   * "sensitive" limit advise for keys at rest) needs 128 MiB for about half a second, once at start.
   */
  static final long MAX_MEMORY_BYTES = 256L << 20;
  static final int KEY_LENGTH = 32;

  static final ScryptParams DEFAULT = new ScryptParams(DEFAULT_LOG2N, DEFAULT_R, DEFAULT_P);

  static ScryptParams withLog2N(int log2N) {
    return new ScryptParams(log2N, DEFAULT_R, DEFAULT_P);
  }

  /** Why these parameters are unacceptable, or null when they are fine. */
  String problem() {
    if (log2N < 1 || log2N > MAX_LOG2N) {
      return "scrypt log2(N) " + log2N + " is outside 1.." + MAX_LOG2N;
    }
    if (r < 1 || r > MAX_R || p < 1 || p > MAX_P) {
      return "scrypt r=" + r + ", p=" + p + " are outside r 1.." + MAX_R + ", p 1.." + MAX_P;
    }
    if (memoryBytes() > MAX_MEMORY_BYTES) {
      return "scrypt N=2^" + log2N + ", r=" + r + " would need " + (memoryBytes() >> 20) + " MiB";
    }
    return null;
  }

  long memoryBytes() {
    return 128L * r << log2N;
  }

  /** The 32-byte AES key for {@code secret}. Slow by design: call it from a worker. */
  byte[] derive(byte[] secret, byte[] salt) {
    String problem = problem();
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    return SCrypt.generate(secret, salt, 1 << log2N, r, p, KEY_LENGTH);
  }
}
