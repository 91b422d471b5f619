package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseIdentityTest {

  private final TestIdentity alice = TestIdentity.fromSeed(1);

  @Test
  void signingInputIsPrefixAndStaticKey() {
    byte[] key = alice.staticKeys.publicKey();
    byte[] input = NoiseIdentity.signingInput(key);
    assertEquals(24 + 32, input.length);
    assertArrayEquals("noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(input, 24));
    assertArrayEquals(key, Arrays.copyOfRange(input, 24, 56));
  }

  @Test
  void payloadVerifiesToTheNodeId() throws NoiseException {
    NoiseHandshakePayload payload = NoiseHandshakePayload.decode(alice.payload());
    assertArrayEquals(NoiseIdentity.encodePublicKey(alice.ed25519PublicKey()), payload.identityKey());
    assertEquals(alice.nodeId(), NoiseIdentity.verify(payload, alice.staticKeys.publicKey()));
    assertEquals(List.of(), payload.streamMuxers());
  }

  @Test
  void signedPayloadRefusesABadSignature() {
    byte[] signature = alice.signature();
    signature[0] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> NoiseIdentity.signedPayload(
        alice.staticKeys.publicKey(), alice.ed25519PublicKey(), signature));
  }

  @Test
  void verifyRefusesAnotherStaticKey() throws NoiseException {
    NoiseHandshakePayload payload = NoiseHandshakePayload.decode(alice.payload());
    byte[] other = TestIdentity.fromSeed(9).staticKeys.publicKey();
    assertThrows(NoiseException.class, () -> NoiseIdentity.verify(payload, other));
  }

  @Test
  void verifyRefusesAKeyThatIsNotAPoint() {
    byte[] notAPoint = new byte[32];
    Arrays.fill(notAPoint, (byte) 0xff);
    NoiseHandshakePayload payload = new NoiseHandshakePayload(NoiseIdentity.encodePublicKey(notAPoint),
        new byte[64], List.of(), List.of());
    assertThrows(NoiseException.class, () -> NoiseIdentity.verify(payload, alice.staticKeys.publicKey()));
  }
}
