package dev.axnode.cli;

import dev.axnode.kernel.keys.NodeId;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Deterministic keys for tests: seed {@code n} repeated 32 times. */
final class TestKeys {

  private TestKeys() {
  }

  static byte[] seed(int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    return seed;
  }

  static Ed25519PrivateKeyParameters privateKey(int n) {
    return new Ed25519PrivateKeyParameters(seed(n), 0);
  }

  static NodeId nodeId(int n) {
    return NodeId.ofPublicKey(privateKey(n).generatePublicKey().getEncoded());
  }
}
