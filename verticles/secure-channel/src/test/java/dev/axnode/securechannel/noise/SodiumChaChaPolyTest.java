package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.axnode.sodium.Sodium;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Random;
import javax.crypto.spec.SecretKeySpec;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The libsodium AEAD against the JDK's (itself checked against RFC 8439 in
 * {@link ChaChaPolyTest}): the same sealed bytes for random keys, counters and lengths, each
 * opening what the other sealed, and a Noise transport running on it end to end.
 */
class SodiumChaChaPolyTest {

  @BeforeContainer
  static void needsLibsodium() {
    assumeTrue(Sodium.load(), Sodium.describe());
  }

  @Property(tries = 200)
  void sealsLikeTheJdk(@ForAll @Size(32) byte[] key, @ForAll long counter,
      @ForAll @IntRange(min = 0, max = NoiseTransport.MAX_PLAINTEXT) int length, @ForAll long seed) throws Exception {
    byte[] plain = new byte[length];
    new Random(seed).nextBytes(plain);
    byte[] nonce = noiseNonce(counter);
    byte[] expected = new ChaChaPoly().seal(new SecretKeySpec(key, "ChaCha20"), nonce, new byte[0], plain);

    ByteBuf sealed = Unpooled.buffer(length + 16 + 3).writerIndex(length + 16 + 3);
    new SodiumChaChaPoly(key).seal(counter, Unpooled.wrappedBuffer(plain), 0, length, sealed, 3);
    assertArrayEquals(expected, bytes(sealed, 3, length + 16));

    ByteBuf opened = Unpooled.buffer(length);
    assertTrue(new SodiumChaChaPoly(key).open(counter, Unpooled.wrappedBuffer(expected), 0, expected.length, opened, 0));
    assertArrayEquals(plain, bytes(opened, 0, length));
  }

  @Example
  void tamperedOrWronglyKeyedMessagesDoNotOpen() {
    byte[] key = new byte[32];
    new Random(1).nextBytes(key);
    ByteBuf sealed = Unpooled.buffer(100 + 16).writerIndex(116);
    new SodiumChaChaPoly(key).seal(5, Unpooled.wrappedBuffer(new byte[100]), 0, 100, sealed, 0);
    ByteBuf out = Unpooled.buffer(100).writeZero(100);

    assertFalse(new SodiumChaChaPoly(key).open(6, sealed, 0, 116, out, 0), "wrong counter");
    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    assertFalse(new SodiumChaChaPoly(otherKey).open(5, sealed, 0, 116, out, 0), "wrong key");
    sealed.setByte(50, sealed.getByte(50) ^ 1);
    assertFalse(new SodiumChaChaPoly(key).open(5, sealed, 0, 116, out, 0), "flipped bit");
    assertEquals(-1, out.forEachByte(b -> b == 0), "nothing written on failure");
  }

  @Example
  void transportOnLibsodiumRoundTripsAndRejectsTampering() throws Exception {
    NoiseXXHandshake initiator = TestIdentity.fromSeed(1).initiator(null);
    NoiseXXHandshake responder = TestIdentity.fromSeed(2).responder();
    NoiseXXHandshakeTest.run(initiator, responder);
    NoiseTransport sender = initiator.transport();
    NoiseTransport receiver = responder.transport();
    byte[] pattern = NoiseXXHandshakeTest.pattern(200_000);

    ByteBuf wire = sender.encrypt(Unpooled.wrappedBuffer(pattern));
    assertArrayEquals(pattern, bytes(receiver.decrypt(wire), 0, pattern.length));

    ByteBuf tampered = sender.encrypt(Unpooled.wrappedBuffer(pattern, 0, 1000));
    tampered.setByte(500, tampered.getByte(500) ^ 1);
    NoiseException e = assertThrows(NoiseException.class, () -> receiver.decrypt(tampered));
    assertEquals("noise: decryption failed: wrong key or tampered message", e.getMessage());
  }

  private static byte[] noiseNonce(long counter) {
    byte[] nonce = new byte[12];
    for (int i = 4; i < 12; i++) {
      nonce[i] = (byte) counter;
      counter >>>= 8;
    }
    return nonce;
  }

  private static byte[] bytes(ByteBuf buf, int index, int length) {
    byte[] out = new byte[length];
    buf.getBytes(index, out);
    return out;
  }
}
