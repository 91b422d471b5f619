package dev.axnode.keystore;

import dev.axnode.sodium.NativeMemory;
import dev.axnode.sodium.Sodium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sealed box and the Ed25519 → X25519 map: published vectors for HSalsa20 and the key
 * conversion, and where libsodium is installed, the pure-Java box against libsodium's both ways.
 */
class SealedBoxTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  @BeforeAll
  static void loadLibsodium() {
    Sodium.load();
  }

  /** NaCl tests/core1.c and core2.c: the crypto_box_beforenm key of the RFC 7748 pair, and one more HSalsa20. */
  @Test
  void hsalsa20MatchesNaclVectors() {
    byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    byte[] firstKey = JavaSealedBox.hsalsa20(shared, new byte[16]);
    assertEquals("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389", HEX.formatHex(firstKey));
    byte[] second = JavaSealedBox.hsalsa20(firstKey, HEX.parseHex("69696ee955b62b73cd62bda875fc73d6"));
    assertEquals("dc908dda0b9344a953629b733820778880f3ceb421bb61b91cbd4c3e66256ce4", HEX.formatHex(second));
  }

  /** libsodium test/default/ed25519_convert: the X25519 pair of a known Ed25519 seed. */
  @Test
  void ed25519ConversionMatchesLibsodiumVector() {
    NodeKey node = NodeKey.fromSeed(HEX.parseHex("421151a459faeade3d247115f94aedae42318124095afabe4d1451a559faedee"));
    byte[] secret = X25519Keys.secretFromEd25519Seed(node.seed());
    byte[] pk = X25519Keys.publicFromEd25519(node.publicKey());
    assertEquals("8052030376d47112be7f73ed7a019293dd12ad910b654455798b4667d73de166", HEX.formatHex(secret));
    assertEquals("f1814f0e8ff1043d8a44d25babff3cedcae6c22c3edaa48f857ae70de2baae50", HEX.formatHex(pk));
    assertArrayEquals(pk, X25519Keys.publicOf(secret), "the two halves of the map agree");
  }

  @Test
  void conversionAgreesWithLibsodiumOnRandomKeys() {
    assumeTrue(Sodium.available(), Sodium.describe());
    for (int i = 0; i < 50; i++) {
      NodeKey node = NodeKey.generate(RANDOM);
      NativeMemory.Block block = NativeMemory.allocate(32 + 64 + 32);
      block.put(32, node.seed());
      block.put(64, node.publicKey());
      block.put(96, node.publicKey());
      Sodium.ed25519PublicToX25519(block.address(), block.address() + 96);
      byte[] pk = new byte[32];
      block.get(0, pk);
      Sodium.ed25519SecretToX25519(block.address(), block.address() + 32);
      byte[] sk = new byte[32];
      block.get(0, sk);
      assertArrayEquals(pk, X25519Keys.publicFromEd25519(node.publicKey()));
      assertArrayEquals(sk, X25519Keys.secretFromEd25519Seed(node.seed()));
    }
  }

  @Test
  void refusesAPublicKeyThatIsNoPoint() {
    byte[] notAPoint = new byte[32];
    notAPoint[0] = 2; // y = 2 has no x on the curve
    assertThrows(IllegalArgumentException.class, () -> X25519Keys.publicFromEd25519(notAPoint));
  }

  @Test
  void javaBoxRoundTripsAndRefusesChangesAndStrangers() {
    roundTrip(new JavaSealedBox(RANDOM), new JavaSealedBox(RANDOM));
  }

  @Test
  void sodiumBoxOpensJavaBoxesAndTheOtherWay() {
    assumeTrue(Sodium.available(), Sodium.describe());
    roundTrip(new JavaSealedBox(RANDOM), new SodiumSealedBox());
    roundTrip(new SodiumSealedBox(), new JavaSealedBox(RANDOM));
  }

  private static void roundTrip(SealedBox sealer, SealedBox opener) {
    NodeKey recipient = NodeKey.generate(RANDOM);
    byte[] sk = X25519Keys.secretFromEd25519Seed(recipient.seed());
    byte[] pk = X25519Keys.publicFromEd25519(recipient.publicKey());
    byte[] otherSk = X25519Keys.secretFromEd25519Seed(NodeKey.generate(RANDOM).seed());
    for (int length : new int[] {0, 1, 38, 64, 1000}) {
      byte[] message = new byte[length];
      RANDOM.nextBytes(message);
      byte[] sealed = sealer.seal(pk, message);
      assertEquals(length + SealedBox.OVERHEAD, sealed.length);
      assertArrayEquals(message, opener.open(sealed, pk, sk), "length " + length);
      assertNull(opener.open(sealed, X25519Keys.publicOf(otherSk), otherSk), "another node cannot open it");
      for (int position : new int[] {0, 31, 32, 47, sealed.length - 1}) {
        byte[] tampered = sealed.clone();
        tampered[position] ^= 0x01;
        assertNull(opener.open(tampered, pk, sk), "byte " + position + " of " + sealed.length + " changed");
      }
    }
    assertNull(opener.open(new byte[SealedBox.OVERHEAD - 1], pk, sk), "too short");
  }
}
