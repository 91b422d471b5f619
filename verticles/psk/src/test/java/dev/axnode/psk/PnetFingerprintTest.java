package dev.axnode.psk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.axnode.kernel.keys.SwarmKey;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import net.jqwik.api.Example;

class PnetFingerprintTest {

  /** rust-libp2p transports/pnet test "fingerprint", there checked against go-ipfs. */
  @Example
  void rustLibp2pVector() {
    SwarmKey key = SwarmKey.parse("/key/swarm/psk/1.0.0/\n/base16/\n"
        + "6189c5cf0b87fb800c1a9feeda73c6ab5e998db48fb9e6a978575c770ceef683");
    assertEquals("45fc986bbc9388a11d939df26f730f0c", PnetFingerprint.of(key));
  }

  @Property(tries = 50)
  void matchesBouncyCastleSalsa20AndShake(@ForAll @Size(32) byte[] key) {
    Salsa20Engine salsa = new Salsa20Engine();
    salsa.init(true, new ParametersWithIV(new KeyParameter(key), "finprint".getBytes(StandardCharsets.US_ASCII)));
    byte[] stream = new byte[64];
    salsa.processBytes(new byte[64], 0, 64, stream, 0);
    SHAKEDigest shake = new SHAKEDigest(128);
    shake.update(stream, 0, 64);
    byte[] expected = new byte[16];
    shake.doFinal(expected, 0, 16);
    assertArrayEquals(expected, PnetFingerprint.of(key));
  }

  /** Inputs and outputs on both sides of the 168-byte rate. */
  @Property(tries = 200)
  void shake128MatchesBouncyCastle(@ForAll @Size(max = 600) byte[] input,
      @ForAll @IntRange(min = 1, max = 400) int outLength) {
    SHAKEDigest shake = new SHAKEDigest(128);
    shake.update(input, 0, input.length);
    byte[] expected = new byte[outLength];
    shake.doFinal(expected, 0, outLength);
    assertArrayEquals(expected, Shake128.digest(input, outLength));
  }
}
