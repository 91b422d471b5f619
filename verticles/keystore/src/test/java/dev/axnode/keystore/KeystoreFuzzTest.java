package dev.axnode.keystore;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.SecureRandom;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes keystore file parsing: random files and mutations of a valid one open to the seed
 * or fail with {@link KeystoreFormatException}, with CPU and allocation bounded per input.
 *
 * <p>The scrypt cost bytes of a mutated file are kept cheap (log2 N ≤ 4, r ≤ 4, p ≤ 2) so that
 * a run tests the parser rather than scrypt; the cost of a tampered header is bounded by
 * {@link ScryptParams#MAX_MEMORY_BYTES}, which {@link #anExpensiveHeaderIsRefusedBeforeScrypt}
 * checks.
 */
@AddLifecycleHook(Fuzz.class)
class KeystoreFuzzTest {

  /**
   * Per byte: the header copies (associated data, salt, nonce) and AES-GCM's buffered input.
   * Fixed: scrypt with the cheap parameters (128·r·N ≤ 8 KiB plus its working arrays), a
   * Cipher instance, one exception.
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(8, 256 * 1024);
  private static final byte[] SECRET = "fuzz secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] SEED = new byte[NodeKey.SEED_LENGTH];
  private static final byte[] VALID = KeystoreCodec.seal(SEED, SECRET, new ScryptParams(2, 1, 1),
      new SecureRandom(new byte[] {3}));
  private static final int COST_OFFSET = KeystoreHeader.VERSION_OFFSET + 2;

  @BeforeContainer
  static void warmUp() throws KeystoreFormatException {
    assertArrayEquals(SEED, KeystoreCodec.open(VALID, SECRET));
    open(Arrays.copyOf(VALID, 10));
    byte[] tampered = VALID.clone();
    tampered[50] ^= 1;
    open(tampered);
  }

  @Property(tries = 1000)
  void randomFiles(@ForAll @Size(max = 200) byte[] input) {
    byte[] file = cheap(input);
    Fuzz.decode(file, BUDGET, KeystoreFormatException.class, () -> KeystoreCodec.open(file, SECRET));
  }

  @Property(tries = 1000)
  void filesThatLookLikeKeystores(@ForAll @Size(86) byte[] input) {
    byte[] file = cheap(input);
    System.arraycopy(KeystoreHeader.MAGIC, 0, file, 0, 4);
    file[KeystoreHeader.VERSION_OFFSET] = KeystoreHeader.VERSION;
    Fuzz.decode(file, BUDGET, KeystoreFormatException.class, () -> KeystoreCodec.open(file, SECRET));
  }

  @Property(tries = 1000)
  void mutatedKeystores(@ForAll int kind, @ForAll int position, @ForAll byte value) {
    byte[] file = cheap(Fuzz.mutate(VALID, kind, position, value));
    Fuzz.decode(file, BUDGET, KeystoreFormatException.class, () -> {
      byte[] seed = KeystoreCodec.open(file, SECRET);
      assertArrayEquals(SEED, seed, "a keystore that opens holds the sealed seed");
    });
  }

  @Example
  void anExpensiveHeaderIsRefusedBeforeScrypt() {
    byte[] file = VALID.clone();
    file[COST_OFFSET] = (byte) 0xff;
    file[COST_OFFSET + 1] = (byte) 0xff;
    file[COST_OFFSET + 2] = (byte) 0xff;
    Fuzz.decode(file, BUDGET, KeystoreFormatException.class, () -> KeystoreCodec.open(file, SECRET));
  }

  private static void open(byte[] file) {
    try {
      KeystoreCodec.open(file, SECRET);
    } catch (KeystoreFormatException expected) {
      // warming up the refusal paths
    }
  }

  /** {@code file} with its scrypt cost bytes (log2 N, r, p) brought down to cheap values. */
  private static byte[] cheap(byte[] file) {
    byte[] out = file.clone();
    int[] limits = {4, 4, 2};
    for (int i = 0; i < 3 && COST_OFFSET + i < out.length; i++) {
      out[COST_OFFSET + i] = (byte) (Math.floorMod(out[COST_OFFSET + i], limits[i] + 1));
    }
    return out;
  }
}
