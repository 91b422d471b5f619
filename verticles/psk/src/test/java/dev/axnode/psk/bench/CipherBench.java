package dev.axnode.psk.bench;

import dev.axnode.psk.XSalsa20;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One 64 KiB chunk per operation: MB/s = ops/s * 65536 / 10^6 (bench.sh prints it).
 * Each stream cipher keeps running across operations, as on a long connection; the JDK
 * AEAD gets a fresh nonce per operation, as a Noise transport frame does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CipherBench {

  static final int CHUNK = 64 * 1024;

  private byte[] data;
  private byte[] sealed;
  private ByteBuf direct;
  private XSalsa20 ours;
  private XSalsa20Engine bouncyCastle;
  private Cipher chaChaPoly;
  private SecretKeySpec chaChaKey;
  private byte[] chaChaNonce;
  private long chaChaCounter;

  @Setup
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    byte[] nonce = new byte[24];
    random.nextBytes(key);
    random.nextBytes(nonce);
    data = new byte[CHUNK];
    random.nextBytes(data);
    sealed = new byte[CHUNK + 16];
    direct = Unpooled.directBuffer(CHUNK).writeBytes(data);
    ours = new XSalsa20(key, nonce);
    bouncyCastle = new XSalsa20Engine();
    bouncyCastle.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    chaChaPoly = Cipher.getInstance("ChaCha20-Poly1305");
    chaChaKey = new SecretKeySpec(key, "ChaCha20");
    chaChaNonce = new byte[12];
  }

  @TearDown
  public void tearDown() {
    direct.release();
  }

  @Benchmark
  public byte[] xsalsa20ByteArray() {
    ours.xor(data, 0, data, 0, CHUNK);
    return data;
  }

  @Benchmark
  public ByteBuf xsalsa20DirectByteBuf() {
    ours.xor(direct, 0, CHUNK);
    return direct;
  }

  @Benchmark
  public byte[] bouncyCastleXSalsa20() {
    bouncyCastle.processBytes(data, 0, CHUNK, data, 0);
    return data;
  }

  @Benchmark
  public byte[] jdkChaCha20Poly1305() throws GeneralSecurityException {
    long n = ++chaChaCounter;
    for (int i = 0; i < 8; i++) {
      chaChaNonce[4 + i] = (byte) (n >>> (8 * i));
    }
    chaChaPoly.init(Cipher.ENCRYPT_MODE, chaChaKey, new IvParameterSpec(chaChaNonce));
    chaChaPoly.doFinal(data, 0, CHUNK, sealed, 0);
    return sealed;
  }
}
