package dev.axnode.keystore;

import dev.axnode.sodium.Sodium;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NodeKeyTest {

  /** RFC 8032 section 7.1, TEST 1: empty message. */
  private static final String RFC8032_SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String RFC8032_PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String RFC8032_SIGNATURE =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
      + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  @Test
  void rfc8032TestVector1() {
    NodeKey key = NodeKey.fromSeed(Hex.decode(RFC8032_SECRET));

    assertEquals(RFC8032_PUBLIC, Hex.encode(key.publicKey()));
    assertEquals(RFC8032_SIGNATURE, Hex.encode(key.sign(new byte[0])));
    assertEquals(RFC8032_SECRET, Hex.encode(key.seed()));
    assertTrue(key.nodeId().toString().startsWith("12D3KooW"));
  }

  @Test
  void generatedKeySignsVerifiably() {
    NodeKey key = NodeKey.generate(new SecureRandom());
    byte[] message = "hello swarm".getBytes(StandardCharsets.UTF_8);

    byte[] signature = key.sign(message);

    assertEquals(NodeKey.SIGNATURE_LENGTH, signature.length);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(key.publicKey()));
    verifier.update(message, 0, message.length);
    assertTrue(verifier.verifySignature(signature));
  }

  @Test
  void libsodiumSignsAsBouncyCastleDoes() {
    assumeTrue(Sodium.load(), Sodium.describe());
    NodeKey rfc = NodeKey.fromSeed(Hex.decode(RFC8032_SECRET));
    assertEquals(RFC8032_SIGNATURE, Hex.encode(rfc.sign(new byte[0])));

    SecureRandom random = new SecureRandom();
    NodeKey key = NodeKey.generate(random);
    // past the signer's first native room too, so that it grows
    for (int length : new int[] {0, 1, 47, 64, 300, 5000}) {
      byte[] message = new byte[length];
      random.nextBytes(message);
      assertArrayEquals(key.signWithBouncyCastle(message), key.sign(message), length + " bytes");
    }
  }

  @Test
  void aDestroyedKeySignsNoMore() {
    Sodium.load();
    NodeKey used = NodeKey.generate(new SecureRandom());
    used.sign(new byte[32]);
    NodeKey unused = NodeKey.generate(new SecureRandom());

    used.destroy();
    unused.destroy();

    assertThrows(IllegalStateException.class, () -> used.sign(new byte[32]));
    assertThrows(IllegalStateException.class, () -> unused.sign(new byte[32]));
  }

  @Test
  void generatedKeysDiffer() {
    SecureRandom random = new SecureRandom();
    assertNotEquals(NodeKey.generate(random).nodeId(), NodeKey.generate(random).nodeId());
  }

  @Test
  void seedIsACopy() {
    NodeKey key = NodeKey.fromSeed(Hex.decode(RFC8032_SECRET));
    byte[] seed = key.seed();
    seed[0] ^= 1;
    assertArrayEquals(Hex.decode(RFC8032_SECRET), key.seed());
  }

  @Test
  void toStringShowsThePublicHalfOnly() {
    NodeKey key = NodeKey.fromSeed(Hex.decode(RFC8032_SECRET));
    assertFalse(key.toString().contains(RFC8032_SECRET));
    assertTrue(key.toString().contains(key.nodeId().toString()));
  }
}
