package dev.axnode.psk;

import dev.axnode.kernel.keys.SwarmKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The swarm key fingerprint go-libp2p and rust-libp2p print, so operators can compare
 * keys without showing them: Salsa20 keystream (key = PSK, nonce "finprint") over 64 zero
 * bytes, then SHAKE128 of that, first 16 bytes, lowercase hex. Salsa20 first so the key
 * itself never enters the hash.
 */
public final class PnetFingerprint {

  private static final byte[] NONCE = "finprint".getBytes(StandardCharsets.US_ASCII);

  private PnetFingerprint() {
  }

  /** 32 lowercase hex digits. */
  public static String of(SwarmKey key) {
    byte[] k = key.bytes();
    try {
      return HexFormat.of().formatHex(of(k));
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  static byte[] of(byte[] key32) {
    byte[] stream = new byte[64];
    XSalsa20.salsa20(key32, NONCE).xor(stream, 0, stream, 0, stream.length);
    return Shake128.digest(stream, 16);
  }
}
