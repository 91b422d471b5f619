package dev.axnode.psk;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the inbound side of pnet: whatever a peer sends, split anywhere (inside the 24-byte
 * nonce, across keystream blocks), decrypts to what the whole input decrypts to, nothing is
 * thrown once the nonce is complete, and nothing is allocated per byte (XSalsa20 runs in place).
 */
@AddLifecycleHook(Fuzz.class)
class PnetCipherFuzzTest {

  /**
   * The cipher allocates nothing per byte; the 3 per byte are the test's own copies (read
   * buffer, plaintext, result). Fixed: the inbound XSalsa20 state.
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(3, 16 * 1024);
  private static final byte[] KEY = new byte[32];
  private static final byte[] LOCAL_NONCE = new byte[PnetCipher.NONCE_LENGTH];

  @BeforeContainer
  static void warmUp() {
    decrypt(new byte[100], List.of(7));
  }

  @Property(tries = 2000)
  void anySplitDecryptsAsTheWhole(@ForAll @Size(max = 3000) byte[] wire,
      @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 200) Integer> cuts) {
    byte[] whole = decrypt(wire, List.of());
    Fuzz.decode(wire, BUDGET, NoException.class, () -> assertArrayEquals(whole, decrypt(wire, cuts)));
  }

  @Property(tries = 1000)
  void theNonceMayComeAByteAtATime(@ForAll @Size(min = 24, max = 200) byte[] wire) {
    byte[] whole = decrypt(wire, List.of());
    Fuzz.decode(wire, BUDGET, NoException.class, () -> assertArrayEquals(whole, decrypt(wire, List.of(1))));
  }

  /** The plaintext after the peer's nonce, or its missing byte count while it is incomplete. */
  private static byte[] decrypt(byte[] wire, List<Integer> cuts) {
    PnetCipher cipher = new PnetCipher(KEY, LOCAL_NONCE);
    // one reused read buffer, so the test allocates nothing per read
    ByteBuf read = Unpooled.buffer(wire.length);
    byte[] plain = new byte[Math.max(0, wire.length - PnetCipher.NONCE_LENGTH)];
    int written = 0;
    int missing = PnetCipher.NONCE_LENGTH;
    for (int i = 0, position = 0; position < wire.length; i++) {
      int size = Math.min(cuts.isEmpty() ? wire.length : cuts.get(i % cuts.size()), wire.length - position);
      read.clear().writeBytes(wire, position, size);
      position += size;
      if (missing > 0) {
        missing = cipher.acceptPeerNonce(read);
      }
      if (read.isReadable()) {
        cipher.decrypt(read);
        read.getBytes(read.readerIndex(), plain, written, read.readableBytes());
        written += read.readableBytes();
      }
    }
    assertEquals(plain.length, written);
    return missing > 0 ? new byte[] {(byte) missing} : Arrays.copyOf(plain, written);
  }

  /** Nothing may escape. */
  private static final class NoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

}
