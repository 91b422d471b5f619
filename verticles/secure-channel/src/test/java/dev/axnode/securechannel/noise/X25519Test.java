package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 7748 vectors through the X25519 functions the handshake uses. */
class X25519Test {

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  /** RFC 7748 section 5.2, first vector. */
  @Test
  void rfc7748Section52Vector1() {
    assertArrayEquals(hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
        X25519KeyPair.scalarMult(
            hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")));
  }

  /** RFC 7748 section 5.2, second vector (its u has the top bit set, which must be masked). */
  @Test
  void rfc7748Section52Vector2() {
    assertArrayEquals(hex("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
        X25519KeyPair.scalarMult(
            hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
            hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")));
  }

  /** RFC 7748 section 5.2, the iterated test after 1 and 1,000 iterations. */
  @Test
  void rfc7748Section52Iterated() {
    byte[] k = new byte[32];
    byte[] u = new byte[32];
    k[0] = 9;
    u[0] = 9;
    for (int i = 1; i <= 1000; i++) {
      byte[] next = X25519KeyPair.scalarMult(k, u);
      u = k;
      k = next;
      if (i == 1) {
        assertArrayEquals(hex("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"), k);
      }
    }
    assertArrayEquals(hex("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"), k);
  }

  /** RFC 7748 section 6.1: key pairs and the shared secret, both ways, through dh(). */
  @Test
  void rfc7748Section61() throws NoiseException {
    X25519KeyPair alice = X25519KeyPair.fromPrivateKey(
        hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    X25519KeyPair bob = X25519KeyPair.fromPrivateKey(
        hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    assertArrayEquals(hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
        alice.publicKey());
    assertArrayEquals(hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"),
        bob.publicKey());
    byte[] shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    assertArrayEquals(shared, alice.dh(bob.publicKey()));
    assertArrayEquals(shared, bob.dh(alice.publicKey()));
  }

  @Test
  void lowOrderPointIsRejected() {
    X25519KeyPair alice = X25519KeyPair.fromPrivateKey(
        hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    NoiseException e = assertThrows(NoiseException.class, () -> alice.dh(new byte[32]));
    assertTrue(e.getMessage().startsWith("noise: invalid remote X25519 key"));
    assertThrows(NoiseException.class, () -> alice.dh(new byte[31]));
  }

  @Test
  void toStringHidesThePrivateKey() {
    X25519KeyPair pair = X25519KeyPair.fromPrivateKey(
        hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    assertTrue(pair.toString().contains("8520f0098930"));
    assertTrue(!pair.toString().contains("77076d0a"));
  }
}
