package dev.axnode.securechannel.noise;

import dev.axnode.kernel.keys.NodeId;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Test-only identities: an Ed25519 identity key signing in-process (the node signs through the
 * keystore instead) and a Noise static key, both derived from a seed so failures reproduce.
 */
final class TestIdentity {

  final Ed25519PrivateKeyParameters identityKey;
  final X25519KeyPair staticKeys;

  private TestIdentity(Ed25519PrivateKeyParameters identityKey, X25519KeyPair staticKeys) {
    this.identityKey = identityKey;
    this.staticKeys = staticKeys;
  }

  static TestIdentity fromSeed(long seed) {
    Random random = new Random(seed);
    byte[] ed = new byte[32];
    byte[] x = new byte[32];
    random.nextBytes(ed);
    random.nextBytes(x);
    return new TestIdentity(new Ed25519PrivateKeyParameters(ed, 0), X25519KeyPair.fromPrivateKey(x));
  }

  byte[] ed25519PublicKey() {
    return identityKey.generatePublicKey().getEncoded();
  }

  NodeId nodeId() {
    return NodeId.ofPublicKey(ed25519PublicKey());
  }

  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, identityKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  byte[] signature() {
    return sign(NoiseIdentity.signingInput(staticKeys.publicKey()));
  }

  byte[] payload() {
    return payload(List.of());
  }

  byte[] payload(List<String> muxers) {
    return NoiseIdentity.signedPayload(staticKeys.publicKey(), ed25519PublicKey(), signature(), muxers);
  }

  NoiseXXHandshake initiator(NodeId expected) {
    return new NoiseXXHandshake(NoiseRole.INITIATOR, staticKeys, payload(), expected);
  }

  NoiseXXHandshake responder() {
    return new NoiseXXHandshake(NoiseRole.RESPONDER, staticKeys, payload(), null);
  }
}
