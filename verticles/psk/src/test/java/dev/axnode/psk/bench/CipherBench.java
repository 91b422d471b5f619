package dev.axnode.psk.bench;

import dev.axnode.kernel.keys.SwarmKey;
import dev.axnode.psk.PnetCipher;
import dev.axnode.psk.XSalsa20;
import dev.axnode.sodium.NativeMemory;
import dev.axnode.sodium.Sodium;
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
  private PnetCipher sodiumPnet;
  private ByteBuf heap;
  private NativeMemory.Block sodiumData;
  private NativeMemory.Block sodiumKeyAndNonce;

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
    heap = Unpooled.buffer(CHUNK).writeBytes(data);
    if (Sodium.load()) {
      // created after load(), so this pnet cipher runs on libsodium
      sodiumPnet = PnetCipher.create(SwarmKey.generate(random), random);
      sodiumData = NativeMemory.allocate(CHUNK + 16);
      sodiumKeyAndNonce = NativeMemory.allocate(32 + 12);
      sodiumKeyAndNonce.put(0, key);
    }
  }

  private PnetCipher sodiumPnet() {
    if (sodiumPnet == null) {
      throw new IllegalStateException(Sodium.describe());
    }
    return sodiumPnet;
  }

  @TearDown
  public void tearDown() {
    direct.release();
    heap.release();
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

  /** libsodium through the pnet cipher, a heap buffer: two copies through native scratch memory. */
  @Benchmark
  public ByteBuf libsodiumXSalsa20HeapByteBuf() {
    sodiumPnet().encrypt(heap);
    return heap;
  }

  /** libsodium through the pnet cipher, a direct buffer: in place, no copy. */
  @Benchmark
  public ByteBuf libsodiumXSalsa20DirectByteBuf() {
    sodiumPnet().encrypt(direct);
    return direct;
  }

  /** libsodium's ChaCha20-Poly1305 (IETF) on native memory, a fresh nonce per operation. */
  @Benchmark
  public NativeMemory.Block libsodiumChaCha20Poly1305() {
    sodiumPnet();
    sodiumKeyAndNonce.putLongLittleEndian(32 + 4, ++chaChaCounter);
    long address = sodiumData.address();
    Sodium.chacha20poly1305Seal(address, address, CHUNK, sodiumKeyAndNonce.address() + 32, sodiumKeyAndNonce.address());
    return sodiumData;
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
