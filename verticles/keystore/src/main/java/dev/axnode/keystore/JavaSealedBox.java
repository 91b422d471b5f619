package dev.axnode.keystore;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.Pack;

import java.security.SecureRandom;

/** The sealed box of {@link SealedBox} in pure Java (BouncyCastle primitives), for machines without libsodium. */
final class JavaSealedBox implements SealedBox {

  private static final int KEY = 32;
  private static final int TAG = 16;
  /** "expand 32-byte k" as four little-endian words. */
  private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

  private final SecureRandom random;

  JavaSealedBox(SecureRandom random) {
    this.random = random;
  }

  @Override
  public byte[] seal(byte[] pk, byte[] message) {
    byte[] esk = new byte[KEY];
    X25519.generatePrivateKey(random, esk);
    byte[] epk = X25519Keys.publicOf(esk);
    byte[] shared = new byte[KEY];
    boolean ok = X25519.calculateAgreement(esk, 0, pk, 0, shared, 0);
    Arrays.fill(esk, (byte) 0);
    if (!ok) {
      throw new IllegalArgumentException("the recipient key is a low-order point");
    }
    byte[] out = new byte[OVERHEAD + message.length];
    System.arraycopy(epk, 0, out, 0, KEY);
    XSalsa20Engine stream = stream(shared, nonce(epk, pk));
    byte[] polyKey = polyKey(stream);
    stream.processBytes(message, 0, message.length, out, OVERHEAD);
    tag(polyKey, out, OVERHEAD, message.length, out, KEY);
    return out;
  }

  @Override
  public byte[] open(byte[] sealed, byte[] pk, byte[] sk) {
    if (sealed.length < OVERHEAD) {
      return null;
    }
    byte[] epk = Arrays.copyOf(sealed, KEY);
    byte[] shared = new byte[KEY];
    if (!X25519.calculateAgreement(sk, 0, epk, 0, shared, 0)) {
      return null;
    }
    XSalsa20Engine stream = stream(shared, nonce(epk, pk));
    byte[] tag = new byte[TAG];
    tag(polyKey(stream), sealed, OVERHEAD, sealed.length - OVERHEAD, tag, 0);
    if (!Arrays.constantTimeAreEqual(TAG, tag, 0, sealed, KEY)) {
      return null;
    }
    byte[] message = new byte[sealed.length - OVERHEAD];
    stream.processBytes(sealed, OVERHEAD, message.length, message, 0);
    return message;
  }

  /** XSalsa20 under HSalsa20(shared, 0¹⁶) at {@code nonce}; zeroes {@code shared}. */
  private static XSalsa20Engine stream(byte[] shared, byte[] nonce) {
    byte[] k = hsalsa20(shared, new byte[16]);
    Arrays.fill(shared, (byte) 0);
    XSalsa20Engine engine = new XSalsa20Engine();
    engine.init(true, new ParametersWithIV(new KeyParameter(k), nonce));
    Arrays.fill(k, (byte) 0);
    return engine;
  }

  /** The first 32 keystream bytes, the one-time Poly1305 key; the stream then stands at the message's first byte. */
  private static byte[] polyKey(XSalsa20Engine stream) {
    byte[] polyKey = new byte[KEY];
    stream.processBytes(new byte[KEY], 0, KEY, polyKey, 0);
    return polyKey;
  }

  /** Poly1305 of {@code length} bytes of {@code data} under {@code polyKey}, which it zeroes. */
  private static void tag(byte[] polyKey, byte[] data, int offset, int length, byte[] out, int outOffset) {
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    Arrays.fill(polyKey, (byte) 0);
    poly.update(data, offset, length);
    poly.doFinal(out, outOffset);
  }

  private static byte[] nonce(byte[] epk, byte[] pk) {
    Blake2bDigest blake = new Blake2bDigest(192);
    blake.update(epk, 0, KEY);
    blake.update(pk, 0, KEY);
    byte[] nonce = new byte[24];
    blake.doFinal(nonce, 0);
    return nonce;
  }

  /** HSalsa20: 20 Salsa rounds without the final addition, words 0, 5, 10, 15, 6, 7, 8, 9 out. */
  static byte[] hsalsa20(byte[] key, byte[] nonce16) {
    int[] in = new int[16];
    in[0] = SIGMA[0];
    in[5] = SIGMA[1];
    in[10] = SIGMA[2];
    in[15] = SIGMA[3];
    Pack.littleEndianToInt(key, 0, in, 1, 4);
    Pack.littleEndianToInt(key, 16, in, 11, 4);
    Pack.littleEndianToInt(nonce16, 0, in, 6, 4);
    int[] x = new int[16];
    // salsaCore adds the input back in; HSalsa20 wants the rounds' output alone.
    Salsa20Engine.salsaCore(20, in, x);
    int[] words = {0, 5, 10, 15, 6, 7, 8, 9};
    byte[] out = new byte[KEY];
    for (int i = 0; i < words.length; i++) {
      Pack.intToLittleEndian(x[words[i]] - in[words[i]], out, 4 * i);
    }
    Arrays.fill(in, 0);
    Arrays.fill(x, 0);
    return out;
  }
}
